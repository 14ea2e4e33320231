/// The kind of one tunnel layer.
public enum EncapsulationKind: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// IP-in-IP in any combination: 4in4 (protocol 4), 6in4 (41), 4in6, 6in6.
    case ipInIP
    case vxlan
    case geneve
    case gre
    /// A bare IP packet in UDP (Flannel's `udp` backend, port 8285).
    case ipInUDP
    /// ERSPAN (types I, II, III): a mirrored frame in GRE. The network identifier is the session id.
    case erspan

    /// The name used in reports.
    public var description: String {
        switch self {
        case .ipInIP: "ipip"
        case .vxlan: "vxlan"
        case .geneve: "geneve"
        case .gre: "gre"
        case .ipInUDP: "ip-in-udp"
        case .erspan: "erspan"
        }
    }
}
