/// A TCP header (RFC 9293).
///
/// ```
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |          Source Port          |       Destination Port        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                        Sequence Number                        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                    Acknowledgment Number                      |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |  Data |     |A|C|E|U|A|P|R|S|F|                               |
/// | Offset| Rsv |E|W|C|R|C|S|S|Y|I|            Window             |
/// |       |     | |R|E|G|K|H|T|N|N|                               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |           Checksum            |         Urgent Pointer        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                    Options (data offset > 5)                  |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ```
///
/// TCP has no length field: its payload runs to the end of the bytes passed in, which the IP
/// layer has already cut to its own length.
public struct TCPHeader: Sendable, Hashable, CustomStringConvertible {
    enum Field {
        static let sourcePort = 0
        static let destinationPort = 2
        static let sequenceNumber = 4
        static let acknowledgmentNumber = 8
        static let offsetFlags = 12
        static let window = 14
        static let checksum = 16
        static let urgentPointer = 18
        static let minimumHeader = 20
        static let dataOffsetShift: UInt16 = 12
        /// The data offset counts 32-bit words.
        static let dataOffsetUnit = 4
        static let flagsMask: UInt16 = 0x01ff
    }

    public let sourcePort: UInt16
    public let destinationPort: UInt16
    public let sequenceNumber: UInt32
    public let acknowledgmentNumber: UInt32
    /// Data offset × 4, validated to be 20...60 and captured.
    public let headerLength: Int
    public let flags: TCPFlags
    public let window: UInt16
    public let checksum: UInt16
    public let urgentPointer: UInt16
    /// The captured byte count.
    public let payloadEnd: Int

    public var payloadRange: Range<Int> { headerLength..<payloadEnd }

    /// The option bytes between the fixed 20 bytes and `headerLength`.
    public var optionsLength: Int { headerLength - Field.minimumHeader }

    public init(parsing bytes: RawSpan) throws(DecodeError) {
        let count = bytes.byteCount
        guard count >= Field.minimumHeader else {
            throw .truncated(.tcp, needed: Field.minimumHeader, available: count)
        }
        let offsetFlags = bytes.be16(at: Field.offsetFlags)
        let length = Int(offsetFlags >> Field.dataOffsetShift) * Field.dataOffsetUnit
        guard length >= Field.minimumHeader else { throw .malformed(.tcp, .headerLength(length)) }
        guard count >= length else { throw .truncated(.tcp, needed: length, available: count) }
        sourcePort = bytes.be16(at: Field.sourcePort)
        destinationPort = bytes.be16(at: Field.destinationPort)
        sequenceNumber = bytes.be32(at: Field.sequenceNumber)
        acknowledgmentNumber = bytes.be32(at: Field.acknowledgmentNumber)
        headerLength = length
        flags = TCPFlags(rawValue: offsetFlags & Field.flagsMask)
        window = bytes.be16(at: Field.window)
        checksum = bytes.be16(at: Field.checksum)
        urgentPointer = bytes.be16(at: Field.urgentPointer)
        payloadEnd = count
    }

    /// `TCP 10002 > 8080 [S] seq 1344681555 ack 0 win 64860`
    public var description: String {
        "TCP \(sourcePort) > \(destinationPort) \(flags) seq \(sequenceNumber) ack \(acknowledgmentNumber) win \(window)"
    }
}
