/// What the dissector treats as a tunnel, and how deep it follows tunnels.
///
/// The identifier-to-layer mapping is data here, not global state: each run passes its own.
public struct DissectOptions: Sendable, Hashable {
    /// UDP destination ports decoded as VXLAN. The IANA port is 4789;
    /// Flannel and Cilium use the Linux kernel default 8472.
    public var vxlanPorts: [UInt16]
    /// Also recognise VXLAN on other UDP ports when the UDP payload is a well-formed VXLAN header
    /// (I flag set, reserved bytes zero) followed by an Ethernet frame carrying a valid IP header.
    public var detectsVXLANByHeader: Bool
    /// UDP ports recognised as Geneve (RFC 8926).
    public var genevePorts: [UInt16]
    /// UDP ports recognised as WireGuard when the payload is a well-formed WireGuard message.
    /// 51820 is the usual WireGuard port, 51821 a common second one; Cilium uses 51871.
    public var wireguardPorts: [UInt16]
    /// UDP destination ports whose payload is a bare IP packet (Flannel's `udp` backend: 8285),
    /// decoded as a tunnel when the payload starts with a plausible IP header.
    public var ipInUDPPorts: [UInt16]
    /// Encapsulations followed before `encapsulation_depth_exceeded` stops the walk.
    public var maximumEncapsulationDepth: Int

    public init(
        vxlanPorts: [UInt16] = [4789],
        detectsVXLANByHeader: Bool = true,
        genevePorts: [UInt16] = [6081],
        wireguardPorts: [UInt16] = [51820, 51821, 51871],
        maximumEncapsulationDepth: Int = 4,
        ipInUDPPorts: [UInt16] = [8285]
    ) {
        self.vxlanPorts = vxlanPorts
        self.detectsVXLANByHeader = detectsVXLANByHeader
        self.genevePorts = genevePorts
        self.wireguardPorts = wireguardPorts
        self.ipInUDPPorts = ipInUDPPorts
        self.maximumEncapsulationDepth = max(1, min(maximumEncapsulationDepth, EncapsulationStack.capacity))
    }
}
