/// One packet from a live device. `bytes` (caplen of them) point into libpcap's buffer and are
/// valid only until the next read from the same `LiveCapture`.
public struct LivePacket {
    /// Nanoseconds since the Unix epoch.
    public var timestamp: Int64
    /// The packet's length on the wire (may exceed `bytes.count` when the snapshot length cut it).
    public var originalLength: Int
    /// The captured bytes (caplen).
    public var bytes: UnsafeRawBufferPointer

    public init(timestamp: Int64, originalLength: Int, bytes: UnsafeRawBufferPointer) {
        self.timestamp = timestamp
        self.originalLength = originalLength
        self.bytes = bytes
    }
}
