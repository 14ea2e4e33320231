/// One tunnel layer: who sent it to whom, and the tunnel's own identifiers.
public struct Encapsulation: Sendable, Hashable, CustomStringConvertible {
    public var kind: EncapsulationKind
    public var outerSource: IPAddress
    public var outerDestination: IPAddress
    /// UDP ports of UDP-based tunnels (VXLAN, Geneve); zero otherwise.
    public var outerSourcePort: UInt16
    public var outerDestinationPort: UInt16
    /// The VXLAN/Geneve network identifier, or the GRE key.
    public var networkIdentifier: UInt32?
    /// The inner Ethernet addresses of tunnels that carry Ethernet (VXLAN, Geneve, GRE TEB).
    public var innerSourceMAC: MACAddress?
    public var innerDestinationMAC: MACAddress?
    /// VXLAN recognised by its header on a port outside `vxlanPorts`.
    public var detectedByHeader: Bool
    /// The outer UDP checksum of a VXLAN packet; `absent` for every other tunnel.
    public var outerChecksum: OuterChecksum = .absent

    public init(
        kind: EncapsulationKind, outerSource: IPAddress, outerDestination: IPAddress,
        outerSourcePort: UInt16 = 0, outerDestinationPort: UInt16 = 0, networkIdentifier: UInt32? = nil,
        detectedByHeader: Bool = false
    ) {
        self.kind = kind
        self.outerSource = outerSource
        self.outerDestination = outerDestination
        self.outerSourcePort = outerSourcePort
        self.outerDestinationPort = outerDestinationPort
        self.networkIdentifier = networkIdentifier
        self.innerSourceMAC = nil
        self.innerDestinationMAC = nil
        self.detectedByHeader = detectedByHeader
    }

    public var description: String {
        var text = "\(kind) \(outerSource) > \(outerDestination)"
        if let networkIdentifier { text += " vni \(networkIdentifier)" }
        return text
    }
}
