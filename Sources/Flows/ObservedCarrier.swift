import Wire

/// What carried a packet as seen at one capture point: the innermost tunnel, or nothing visible.
public enum ObservedCarrier: UInt8, Sendable, Hashable, Comparable, CaseIterable, CustomStringConvertible {
    /// No tunnel header visible. What that proves depends on the capture point (uplink: direct;
    /// tunl0: IPIP; vxlan.calico: VXLAN; workload veth: nothing about the underlay).
    case plain
    case ipInIP
    case vxlan
    case geneve
    case gre
    /// A WireGuard session between nodes: the flow itself is the encrypted carrier.
    case wireguard
    /// A bare IP packet in UDP (Flannel's `udp` backend).
    case ipInUDP
    /// ERSPAN: a mirrored frame in GRE.
    case erspan

    public init(_ kind: EncapsulationKind) {
        switch kind {
        case .ipInIP: self = .ipInIP
        case .vxlan: self = .vxlan
        case .geneve: self = .geneve
        case .gre: self = .gre
        case .ipInUDP: self = .ipInUDP
        case .erspan: self = .erspan
        }
    }

    public var description: String {
        switch self {
        case .plain: "plain"
        case .ipInIP: "ipip"
        case .vxlan: "vxlan"
        case .geneve: "geneve"
        case .gre: "gre"
        case .wireguard: "wireguard"
        case .ipInUDP: "ip-in-udp"
        case .erspan: "erspan"
        }
    }

    public static func < (lhs: ObservedCarrier, rhs: ObservedCarrier) -> Bool { lhs.rawValue < rhs.rawValue }
}
