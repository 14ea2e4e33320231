/// An ICMP (v4) header (RFC 792): type, code, checksum and the 4-byte rest-of-header.
///
/// ```
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |     Type      |     Code      |          Checksum             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |           Identifier          |        Sequence Number        |  (echo, timestamp, …)
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ```
///
/// For error messages the quoted IP header starts at `headerLength`.
public struct ICMPHeader: Sendable, Hashable, CustomStringConvertible {
    enum Field {
        static let type = 0
        static let code = 1
        static let checksum = 2
        static let identifier = 4
        static let sequenceNumber = 6
        static let minimumHeader = 8
        static let echoReply: UInt8 = 0
        static let echoRequest: UInt8 = 8
        /// Destination unreachable, source quench, redirect, time exceeded, parameter problem.
        static let errorTypes: Set<UInt8> = [3, 4, 5, 11, 12]
        /// Echo, timestamp, information and address-mask messages use identifier/sequence.
        static let queryTypes: Set<UInt8> = [0, 8, 13, 14, 15, 16, 17, 18]
    }

    public let type: UInt8
    public let code: UInt8
    public let checksum: UInt16
    /// Bytes 4-5: meaningful for echo (0/8) and timestamp/info/address-mask (13-18).
    public let identifier: UInt16
    /// Bytes 6-7: meaningful for echo (0/8) and timestamp/info/address-mask (13-18).
    public let sequenceNumber: UInt16
    /// Always 8.
    public let headerLength: Int
    /// The captured byte count.
    public let payloadEnd: Int

    public var payloadRange: Range<Int> { headerLength..<payloadEnd }

    public var isEchoRequest: Bool { type == Field.echoRequest }
    public var isEchoReply: Bool { type == Field.echoReply }
    /// An error message quoting the offending packet (types 3, 4, 5, 11, 12).
    public var isError: Bool { Field.errorTypes.contains(type) }
    /// Whether `identifier` and `sequenceNumber` are meaningful for this type.
    public var hasIdentifier: Bool { Field.queryTypes.contains(type) }

    public init(parsing bytes: RawSpan) throws(DecodeError) {
        let count = bytes.byteCount
        guard count >= Field.minimumHeader else {
            throw .truncated(.icmp, needed: Field.minimumHeader, available: count)
        }
        type = bytes.u8(at: Field.type)
        code = bytes.u8(at: Field.code)
        checksum = bytes.be16(at: Field.checksum)
        identifier = bytes.be16(at: Field.identifier)
        sequenceNumber = bytes.be16(at: Field.sequenceNumber)
        headerLength = Field.minimumHeader
        payloadEnd = count
    }

    /// `ICMP echo request id 10578 seq 23`, `ICMP type 3 code 1`
    public var description: String {
        if isEchoRequest { return "ICMP echo request id \(identifier) seq \(sequenceNumber)" }
        if isEchoReply { return "ICMP echo reply id \(identifier) seq \(sequenceNumber)" }
        return "ICMP type \(type) code \(code)"
    }
}
