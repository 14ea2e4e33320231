/// Cisco MetaData as GRE carries it (GRE protocol 0x8909): the payload's EtherType first, then
/// the metadata with the security group tag (SGT). 8 bytes.
///
/// ```
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |       Payload EtherType       |    Version    |    Length     |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |            Options            |   Security Group Tag (SGT)    |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ```
///
/// (Over Ethernet, EtherType 0x8909, the EtherType comes last instead; calicap meets it in GRE.)
public struct CiscoMetadataHeader: Sendable, Hashable, CustomStringConvertible {
    enum Field {
        static let payloadType = 0
        static let version = 2
        static let length = 3
        static let options = 4
        static let securityGroupTag = 6
        static let header = 8
    }

    /// The EtherType of what follows (0x0800 for IPv4).
    public let payloadType: EtherType
    public let version: UInt8
    public let length: UInt8
    public let options: UInt16
    public let securityGroupTag: UInt16
    /// Always 8.
    public let headerLength: Int
    /// The captured byte count.
    public let payloadEnd: Int

    public var payloadRange: Range<Int> { headerLength..<payloadEnd }

    public init(parsing bytes: RawSpan) throws(DecodeError) {
        let count = bytes.byteCount
        guard count >= Field.header else { throw .truncated(.ciscoMetadata, needed: Field.header, available: count) }
        payloadType = EtherType(rawValue: bytes.be16(at: Field.payloadType))
        version = bytes.u8(at: Field.version)
        length = bytes.u8(at: Field.length)
        options = bytes.be16(at: Field.options)
        securityGroupTag = bytes.be16(at: Field.securityGroupTag)
        headerLength = Field.header
        payloadEnd = count
    }

    /// `CMD sgt 0 proto IPv4`
    public var description: String {
        "CMD sgt \(securityGroupTag) proto \(payloadType)"
    }
}
