/// An Ethernet protocol number (IEEE 802 EtherType). Unknown values round-trip.
public struct EtherType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let ipv4 = EtherType(rawValue: 0x0800)
    public static let arp = EtherType(rawValue: 0x0806)
    /// IEEE 802.1Q customer VLAN tag.
    public static let vlan = EtherType(rawValue: 0x8100)
    /// IEEE 802.1ad service VLAN tag (Q-in-Q outer tag).
    public static let serviceVLAN = EtherType(rawValue: 0x88a8)
    /// Pre-standard Q-in-Q tag still emitted by some switches.
    public static let legacyQinQ = EtherType(rawValue: 0x9100)
    public static let ipv6 = EtherType(rawValue: 0x86dd)
    /// Transparent Ethernet bridging, the GRE/Geneve protocol type of an inner Ethernet frame.
    public static let transparentEthernetBridging = EtherType(rawValue: 0x6558)
    /// ERSPAN type I and II, a GRE protocol type (type I when the GRE header has no sequence number).
    public static let erspanTypeII = EtherType(rawValue: 0x88be)
    /// ERSPAN type III, a GRE protocol type.
    public static let erspanTypeIII = EtherType(rawValue: 0x22eb)
    /// Cisco MetaData (security group tag), a GRE protocol type and an EtherType.
    public static let ciscoMetadata = EtherType(rawValue: 0x8909)

    public var isVLANTag: Bool { self == .vlan || self == .serviceVLAN || self == .legacyQinQ }

    public var description: String {
        switch self {
        case .ipv4: "IPv4"
        case .ipv6: "IPv6"
        case .arp: "ARP"
        case .vlan: "802.1Q"
        case .serviceVLAN: "802.1ad"
        default: "0x" + String(rawValue, radix: 16)
        }
    }
}
