import Wire

/// Counters gathered while streaming, from which a capture point's role is inferred.
public struct CapturePointStatistics: Sendable, Hashable {
    public var packets = 0
    public var ipPackets = 0
    /// Packets whose outermost IP header carries a tunnel (IPIP, VXLAN, Geneve, GRE, WireGuard).
    public var tunnelOuterPackets = 0
    public var ipInIPPackets = 0
    public var vxlanPackets = 0
    public var wireguardPackets = 0
    /// IP packets with no tunnel header.
    public var plainPackets = 0
    /// Frames whose link addresses are Calico VTEP MACs (0x66…): a vxlan.calico device.
    public var vtepMACPackets = 0
    /// Frames to or from ee:ee:ee:ee:ee:ee: a Calico workload veth.
    public var workloadMACPackets = 0

    public init() {}

    public mutating func count(_ packet: Dissection) {
        packets += 1
        guard packet.ip != nil else { return }
        ipPackets += 1
        if packet.isWireGuard {
            tunnelOuterPackets += 1
            wireguardPackets += 1
        } else if let outermost = packet.tunnels.outermost {
            tunnelOuterPackets += 1
            switch outermost.kind {
            case .ipInIP: ipInIPPackets += 1
            case .vxlan: vxlanPackets += 1
            default: break
            }
        } else {
            plainPackets += 1
        }
        if packet.link.sourceMAC == .calicoWorkloadHost || packet.link.destinationMAC == .calicoWorkloadHost {
            workloadMACPackets += 1
        } else if MACAddress.eitherIsCalicoVTEP(packet.link.sourceMAC, packet.link.destinationMAC) {
            vtepMACPackets += 1
        }
    }
}
