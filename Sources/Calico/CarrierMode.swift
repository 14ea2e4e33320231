/// What carried a flow's packets at one point of the path, once the capture point is understood.
public enum CarrierMode: String, Sendable, Hashable, Comparable, CaseIterable {
    case ipip
    case vxlan
    case direct
    case wireguard
    /// Not Calico encapsulations: recognised and named so they are never taken for Calico's.
    case geneve
    case gre
    /// Flannel's `udp` backend: a bare IP packet in UDP.
    case ipInUDP = "ip-in-udp"
    /// A mirror session's copy (ERSPAN in GRE), not a path of the flow.
    case erspan
    case unknown

    /// The flow verdict this carrier alone implies.
    public var flowMode: CalicoMode {
        switch self {
        case .ipip: .ipip
        case .vxlan: .vxlan
        case .direct: .direct
        case .wireguard: .wireguard
        case .geneve, .gre, .ipInUDP, .erspan, .unknown: .unknown
        }
    }

    public var isEncapsulation: Bool { self == .ipip || self == .vxlan }

    public static func < (lhs: CarrierMode, rhs: CarrierMode) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}
