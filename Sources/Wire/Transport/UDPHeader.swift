/// A UDP header (RFC 768).
///
/// ```
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |          Source Port          |       Destination Port        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |            Length             |           Checksum            |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ```
///
/// The payload is bounded by the length field and the captured bytes. A length of 0 (an IPv6
/// jumbogram, or segmentation offload) means "as captured".
public struct UDPHeader: Sendable, Hashable, CustomStringConvertible {
    enum Field {
        static let sourcePort = 0
        static let destinationPort = 2
        static let length = 4
        static let checksum = 6
        static let minimumHeader = 8
    }

    public let sourcePort: UInt16
    public let destinationPort: UInt16
    /// The raw length field: header plus payload (0 for jumbograms / offload).
    public let length: Int
    public let checksum: UInt16
    /// The length field claims more bytes than were captured (a snaplen cut, not an error).
    public let isTruncated: Bool
    /// Always 8.
    public let headerLength: Int
    /// min(length, captured), the captured count when the length is 0.
    public let payloadEnd: Int

    public var payloadRange: Range<Int> { headerLength..<payloadEnd }

    public init(parsing bytes: RawSpan) throws(DecodeError) {
        let count = bytes.byteCount
        guard count >= Field.minimumHeader else {
            throw .truncated(.udp, needed: Field.minimumHeader, available: count)
        }
        let claimed = Int(bytes.be16(at: Field.length))
        guard claimed == 0 || claimed >= Field.minimumHeader else { throw .malformed(.udp, .lengthField(claimed)) }
        sourcePort = bytes.be16(at: Field.sourcePort)
        destinationPort = bytes.be16(at: Field.destinationPort)
        length = claimed
        checksum = bytes.be16(at: Field.checksum)
        isTruncated = claimed > count
        headerLength = Field.minimumHeader
        payloadEnd = min(claimed == 0 ? count : claimed, count)
    }

    /// `UDP 39755 > 4789 len 90`
    public var description: String { "UDP \(sourcePort) > \(destinationPort) len \(length)" }
}
