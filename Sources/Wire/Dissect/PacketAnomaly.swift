/// Why a packet did not decode fully, or an irregularity met on the way. A plain value (no
/// strings stored), so a `Dissection` stays trivially copyable; `name` gives the stable
/// snake_case name that reports count.
public enum PacketAnomaly: Sendable, Hashable {
    case decode(DecodeError)
    case loopbackUnknownFamily
    case unsupportedLinkType
    case truncatedRawIP
    case rawIPBadVersion
    /// A first fragment of a tunnel packet: the inner packet is incomplete.
    case fragmentedTunnelPacket
    case encapsulationDepthExceeded
    case dissectorStepLimit
    case vxlanIFlagClear
    case vxlanReservedBitsSet

    /// Whether decoding stopped here; the others (VXLAN flag irregularities) let it go on.
    public var stopsDecoding: Bool {
        switch self {
        case .vxlanIFlagClear, .vxlanReservedBitsSet: false
        default: true
        }
    }

    public var name: String {
        switch self {
        case .decode(let error): error.anomalyName
        case .loopbackUnknownFamily: "loopback_unknown_family"
        case .unsupportedLinkType: "unsupported_link_type"
        case .truncatedRawIP: "truncated_raw_ip"
        case .rawIPBadVersion: "raw_ip_bad_version"
        case .fragmentedTunnelPacket: "fragmented_tunnel_packet"
        case .encapsulationDepthExceeded: "encapsulation_depth_exceeded"
        case .dissectorStepLimit: "dissector_step_limit"
        case .vxlanIFlagClear: "vxlan_i_flag_clear"
        case .vxlanReservedBitsSet: "vxlan_reserved_bits_set"
        }
    }
}
