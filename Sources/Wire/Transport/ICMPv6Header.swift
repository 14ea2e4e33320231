/// An ICMPv6 header (RFC 4443): type, code, checksum and the 4-byte message body start.
///
/// ```
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |     Type      |     Code      |          Checksum             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |           Identifier          |        Sequence Number        |  (echo)
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ```
///
/// For error messages the quoted IPv6 packet starts at `headerLength`.
public struct ICMPv6Header: Sendable, Hashable, CustomStringConvertible {
    enum Field {
        static let type = 0
        static let code = 1
        static let checksum = 2
        static let identifier = 4
        static let sequenceNumber = 6
        static let minimumHeader = 8
        static let echoRequest: UInt8 = 128
        static let echoReply: UInt8 = 129
        /// Destination unreachable, packet too big, time exceeded, parameter problem.
        static let errorTypes: ClosedRange<UInt8> = 1...4
        /// Router solicitation/advertisement, neighbor solicitation/advertisement, redirect.
        static let neighborDiscoveryTypes: ClosedRange<UInt8> = 133...137
    }

    public let type: UInt8
    public let code: UInt8
    public let checksum: UInt16
    /// Bytes 4-5: meaningful for echo (128/129).
    public let identifier: UInt16
    /// Bytes 6-7: meaningful for echo (128/129).
    public let sequenceNumber: UInt16
    /// Always 8.
    public let headerLength: Int
    /// The captured byte count.
    public let payloadEnd: Int

    public var payloadRange: Range<Int> { headerLength..<payloadEnd }

    public var isEchoRequest: Bool { type == Field.echoRequest }
    public var isEchoReply: Bool { type == Field.echoReply }
    /// An error message quoting the offending packet (types 1-4).
    public var isError: Bool { Field.errorTypes.contains(type) }
    /// Neighbor discovery (types 133-137, RFC 4861).
    public var isNeighborDiscovery: Bool { Field.neighborDiscoveryTypes.contains(type) }

    public init(parsing bytes: RawSpan) throws(DecodeError) {
        let count = bytes.byteCount
        guard count >= Field.minimumHeader else {
            throw .truncated(.icmpv6, needed: Field.minimumHeader, available: count)
        }
        type = bytes.u8(at: Field.type)
        code = bytes.u8(at: Field.code)
        checksum = bytes.be16(at: Field.checksum)
        identifier = bytes.be16(at: Field.identifier)
        sequenceNumber = bytes.be16(at: Field.sequenceNumber)
        headerLength = Field.minimumHeader
        payloadEnd = count
    }

    /// `ICMPv6 echo request id 7 seq 1`, `ICMPv6 type 135 code 0`
    public var description: String {
        if isEchoRequest { return "ICMPv6 echo request id \(identifier) seq \(sequenceNumber)" }
        if isEchoReply { return "ICMPv6 echo reply id \(identifier) seq \(sequenceNumber)" }
        return "ICMPv6 type \(type) code \(code)"
    }
}
