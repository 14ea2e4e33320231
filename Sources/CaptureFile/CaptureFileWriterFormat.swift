/// The file format a `CaptureFileWriter` produces.
public enum CaptureFileWriterFormat: Sendable, Hashable, CustomStringConvertible {
    /// Classic libpcap: one interface, one link type; microsecond (magic a1b2c3d4) or
    /// nanosecond (a1b23c4d) timestamps, in the host's byte order. It has no room for the
    /// interface name.
    case pcap(nanosecond: Bool)
    /// pcapng: a Section Header Block, one Interface Description Block per interface (with
    /// `if_name` and `if_tsresol` = 9, nanoseconds), then Enhanced Packet Blocks.
    case pcapng

    public var description: String {
        switch self {
        case .pcap(let nanosecond): nanosecond ? "pcap (nanosecond)" : "pcap"
        case .pcapng: "pcapng"
        }
    }
}
