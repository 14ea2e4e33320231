/// One captured packet as the reader returns it.
///
/// `bytes` points into the reader's buffer: it is valid only until the next call to
/// `CaptureFileReader.next()` and while the reader is alive. Copy what must outlive that.
public struct CaptureRecord {
    public var timestamp: Timestamp
    /// An index into `CaptureFileReader.interfaces`; that interface's `linkType` says how to decode `bytes`.
    public var interfaceIndex: Int
    /// The number of bytes captured (caplen); always `bytes.count`.
    public var capturedLength: Int
    /// The packet's length on the wire (len). Larger than `capturedLength` when snaplen cut the packet;
    /// a few writers store a smaller value, which is passed on unchanged.
    public var originalLength: Int
    /// The captured bytes, valid until the next `next()` call.
    public var bytes: UnsafeRawBufferPointer

    public init(
        timestamp: Timestamp, interfaceIndex: Int, capturedLength: Int, originalLength: Int,
        bytes: UnsafeRawBufferPointer
    ) {
        self.timestamp = timestamp
        self.interfaceIndex = interfaceIndex
        self.capturedLength = capturedLength
        self.originalLength = originalLength
        self.bytes = bytes
    }
}
