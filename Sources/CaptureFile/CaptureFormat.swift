/// The container format of a capture file.
public enum CaptureFormat: Sendable, Hashable {
    /// Classic libpcap format: the magic's timestamp unit, the writer's byte order and the header's version.
    case pcap(nanosecond: Bool, bigEndian: Bool, versionMajor: UInt16, versionMinor: UInt16)
    /// pcapng: sections may each have their own byte order.
    case pcapng
}
