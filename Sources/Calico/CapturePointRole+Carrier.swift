extension CapturePointRole {
    /// The rule of the whole tool: what a packet without a tunnel header proves about its carrier
    /// when seen at a capture point of this role. Nil for roles that prove nothing about the
    /// underlay (a workload veth, the loopback device): there a flow is local, or unknown.
    public var plainPacketCarrier: CarrierMode? {
        switch self {
        case .uplink: .direct
        case .ipipDevice: .ipip
        case .vxlanDevice: .vxlan
        case .wireguardDevice: .wireguard
        case .unknown: .unknown
        case .workload, .loopback: nil
        }
    }

    /// Whether the point watches a node's exits (uplink or tunnel device): a flow its capture
    /// saw only on workload veths stayed on the node.
    public var watchesNodeExits: Bool {
        self == .uplink || isTunnelDevice
    }

    /// A tunnel device (tunl0, vxlan.calico, wireguard.cali): it shows pod packets without their
    /// outer headers, so its plain packets are pod traffic.
    public var isTunnelDevice: Bool { self == .ipipDevice || self == .vxlanDevice || self == .wireguardDevice }
}
