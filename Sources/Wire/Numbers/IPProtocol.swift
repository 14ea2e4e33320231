/// An IP protocol number (IPv4 protocol, IPv6 next header). Unknown values round-trip.
public struct IPProtocol: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// IPv6 hop-by-hop options (extension header).
    public static let hopByHop = IPProtocol(rawValue: 0)
    public static let icmp = IPProtocol(rawValue: 1)
    /// IPv4 encapsulation, RFC 2003 (IP-in-IP).
    public static let ipv4 = IPProtocol(rawValue: 4)
    public static let tcp = IPProtocol(rawValue: 6)
    public static let udp = IPProtocol(rawValue: 17)
    /// IPv6 encapsulation, RFC 2473 / RFC 4213 (6in4, 6in6).
    public static let ipv6 = IPProtocol(rawValue: 41)
    public static let routing = IPProtocol(rawValue: 43)
    public static let fragment = IPProtocol(rawValue: 44)
    public static let gre = IPProtocol(rawValue: 47)
    public static let encapsulatingSecurityPayload = IPProtocol(rawValue: 50)
    public static let authenticationHeader = IPProtocol(rawValue: 51)
    public static let icmpv6 = IPProtocol(rawValue: 58)
    public static let noNextHeader = IPProtocol(rawValue: 59)
    public static let destinationOptions = IPProtocol(rawValue: 60)
    public static let sctp = IPProtocol(rawValue: 132)
    public static let mobility = IPProtocol(rawValue: 135)
    public static let hostIdentity = IPProtocol(rawValue: 139)
    public static let shim6 = IPProtocol(rawValue: 140)

    /// The name used in reports: `tcp`, `udp`, `icmp`, `icmpv6`, else the number as text.
    public var name: String {
        switch self {
        case .tcp: "tcp"
        case .udp: "udp"
        case .icmp: "icmp"
        case .icmpv6: "icmpv6"
        default: String(rawValue)
        }
    }

    /// ICMP or ICMPv6.
    public var isICMP: Bool { self == .icmp || self == .icmpv6 }

    public var description: String { name }

    public static func < (lhs: IPProtocol, rhs: IPProtocol) -> Bool { lhs.rawValue < rhs.rawValue }
}
