/// A capture file's link-layer header type, as the LINKTYPE_* numbers stored in pcap and pcapng
/// files (https://www.tcpdump.org/linktypes.html). These differ from libpcap's DLT_* numbers for
/// raw IP: a file's LINKTYPE_RAW 101 is DLT_RAW 12 (14 on OpenBSD) in libpcap's API.
public struct LinkType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// BSD loopback: a 4-byte address family in the writer's byte order.
    public static let null = LinkType(rawValue: 0)
    public static let ethernet = LinkType(rawValue: 1)
    /// DLT_RAW as some systems write it into files (12 on most, 14 on OpenBSD).
    public static let rawLegacy12 = LinkType(rawValue: 12)
    public static let rawLegacy14 = LinkType(rawValue: 14)
    /// LINKTYPE_RAW: raw IPv4 or IPv6, what `tcpdump -i tunl0` writes.
    public static let raw = LinkType(rawValue: 101)
    /// OpenBSD loopback: like null, but the address family is always big-endian.
    public static let loop = LinkType(rawValue: 108)
    /// Linux cooked capture v1 (`-i any` with older tcpdump).
    public static let linuxSLL = LinkType(rawValue: 113)
    public static let ipv4 = LinkType(rawValue: 228)
    public static let ipv6 = LinkType(rawValue: 229)
    /// Linux cooked capture v2, what `tcpdump -i any` writes since 4.99.
    public static let linuxSLL2 = LinkType(rawValue: 276)

    /// The name tcpdump and libpcap use (`EN10MB`, `RAW`, `LINUX_SLL2`, …).
    public var name: String {
        switch self {
        case .null: "NULL"
        case .ethernet: "EN10MB"
        case .rawLegacy12, .rawLegacy14, .raw: "RAW"
        case .loop: "LOOP"
        case .linuxSLL: "LINUX_SLL"
        case .ipv4: "IPV4"
        case .ipv6: "IPV6"
        case .linuxSLL2: "LINUX_SLL2"
        default: "LINKTYPE_\(rawValue)"
        }
    }

    /// Whether packets of this type start directly with an IP header.
    public var isRawIP: Bool {
        self == .raw || self == .rawLegacy12 || self == .rawLegacy14 || self == .ipv4 || self == .ipv6
    }

    /// Linux cooked capture (SLL or SLL2): one capture of several interfaces (`-i any`), each
    /// packet naming its own interface or hardware type.
    public var isCooked: Bool { self == .linuxSLL2 || self == .linuxSLL }

    /// Whether the dissector can decode this link type.
    public var isSupported: Bool {
        switch self {
        case .null, .ethernet, .rawLegacy12, .rawLegacy14, .raw, .loop, .linuxSLL, .ipv4, .ipv6, .linuxSLL2: true
        default: false
        }
    }

    public var description: String { name }
}
