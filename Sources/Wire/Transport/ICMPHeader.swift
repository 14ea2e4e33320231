/// An ICMP (RFC 792) or ICMPv6 (RFC 4443) header: type, code, checksum and the 4-byte
/// rest-of-header. Both versions share this layout; `version` decides what the types mean.
///
/// ```
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |     Type      |     Code      |          Checksum             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |           Identifier          |        Sequence Number        |  (echo, …)
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ```
///
/// For error messages the quoted IP packet starts at `headerLength`.
public struct ICMPHeader: Sendable, Hashable, CustomStringConvertible {
    enum Field {
        static let type = 0
        static let code = 1
        static let checksum = 2
        static let identifier = 4
        static let sequenceNumber = 6
        static let minimumHeader = 8
    }

    public let version: ICMPVersion
    public let type: UInt8
    public let code: UInt8
    public let checksum: UInt16
    /// Bytes 4-5: meaningful when `hasIdentifier`.
    public let identifier: UInt16
    /// Bytes 6-7: meaningful when `hasIdentifier`.
    public let sequenceNumber: UInt16
    /// Always 8.
    public let headerLength: Int
    /// The captured byte count.
    public let payloadEnd: Int

    public var payloadRange: Range<Int> { headerLength..<payloadEnd }

    public var isEchoRequest: Bool { type == version.echoRequestType }
    public var isEchoReply: Bool { type == version.echoReplyType }
    /// An error message quoting the offending packet (v4: 3, 4, 5, 11, 12; v6: 1-4).
    public var isError: Bool { version.isError(type) }
    /// Whether `identifier` and `sequenceNumber` are meaningful for this type.
    public var hasIdentifier: Bool { version.hasIdentifier(type) }
    /// Neighbor discovery (ICMPv6 types 133-137, RFC 4861).
    public var isNeighborDiscovery: Bool { version.isNeighborDiscovery(type) }

    public init(parsing bytes: RawSpan, version: ICMPVersion = .v4) throws(DecodeError) {
        let count = bytes.byteCount
        guard count >= Field.minimumHeader else {
            throw .truncated(version.layer, needed: Field.minimumHeader, available: count)
        }
        self.version = version
        type = bytes.u8(at: Field.type)
        code = bytes.u8(at: Field.code)
        checksum = bytes.be16(at: Field.checksum)
        identifier = bytes.be16(at: Field.identifier)
        sequenceNumber = bytes.be16(at: Field.sequenceNumber)
        headerLength = Field.minimumHeader
        payloadEnd = count
    }

    /// `ICMP echo request id 10578 seq 23`, `ICMPv6 type 135 code 0`
    public var description: String {
        if isEchoRequest { return "\(version) echo request id \(identifier) seq \(sequenceNumber)" }
        if isEchoReply { return "\(version) echo reply id \(identifier) seq \(sequenceNumber)" }
        return "\(version) type \(type) code \(code)"
    }
}
