/// A protocol layer, as named in anomalies and errors.
public enum Layer: String, Sendable, Hashable, CaseIterable {
    case ethernet
    case vlan
    case linuxSLL = "sll"
    case linuxSLL2 = "sll2"
    case loopback
    case ipv4
    case ipv6
    case ipv6Extension = "ipv6_extension"
    case udp
    case tcp
    case icmp
    case icmpv6
    case vxlan
    case geneve
    case gre
    /// Cisco MetaData (GRE protocol 0x8909).
    case ciscoMetadata = "cisco_metadata"
    /// ERSPAN types II and III (GRE protocols 0x88be and 0x22eb).
    case erspan
    case wireguard
    case arp
}
