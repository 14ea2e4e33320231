/// The kind of one tunnel layer.
public enum EncapsulationKind: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// IP-in-IP in any combination: 4in4 (protocol 4), 6in4 (41), 4in6, 6in6.
    case ipInIP
    case vxlan
    case geneve
    case gre

    /// The name used in reports.
    public var description: String {
        switch self {
        case .ipInIP: "ipip"
        case .vxlan: "vxlan"
        case .geneve: "geneve"
        case .gre: "gre"
        }
    }
}
