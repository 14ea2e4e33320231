/// A Geneve header (RFC 8926) with its variable-length options.
///
/// ```
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |Ver|  Opt Len  |O|C|    Rsvd.  |          Protocol Type        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |        Virtual Network Identifier (VNI)       |    Reserved   |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                    Variable-Length Options                    |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ```
public struct GeneveHeader: Sendable, Hashable, CustomStringConvertible {
    enum Field {
        static let versionOptionsLength = 0
        static let flags = 1
        static let protocolType = 2
        static let vni = 4
        static let minimumHeader = 8
        static let versionShift: UInt8 = 6
        static let optionsLengthMask: UInt8 = 0x3f
        /// The option length counts 4-byte words.
        static let optionsLengthUnit = 4
        static let oamFlag: UInt8 = 0x80
        static let criticalFlag: UInt8 = 0x40
        static let version: UInt8 = 0
    }

    /// The 2-bit version, always 0.
    public let version: UInt8
    /// The options' length in bytes (6-bit field × 4).
    public let optionsLength: Int
    /// O: an OAM (control) packet.
    public let isOAM: Bool
    /// C: a critical option is present.
    public let isCritical: Bool
    /// The EtherType of the payload (0x6558 for an Ethernet frame).
    public let protocolType: EtherType
    /// The 24-bit virtual network identifier.
    public let vni: UInt32
    /// 8 + `optionsLength`.
    public let headerLength: Int
    /// The captured byte count.
    public let payloadEnd: Int

    public var payloadRange: Range<Int> { headerLength..<payloadEnd }

    public init(parsing bytes: RawSpan) throws(DecodeError) {
        let count = bytes.byteCount
        guard count >= Field.minimumHeader else {
            throw .truncated(.geneve, needed: Field.minimumHeader, available: count)
        }
        let first = bytes.u8(at: Field.versionOptionsLength)
        let versionBits = first >> Field.versionShift
        guard versionBits == Field.version else { throw .malformed(.geneve, .badVersion(versionBits)) }
        let options = Int(first & Field.optionsLengthMask) * Field.optionsLengthUnit
        let length = Field.minimumHeader + options
        guard count >= length else { throw .truncated(.geneve, needed: length, available: count) }
        let flagByte = bytes.u8(at: Field.flags)
        version = versionBits
        optionsLength = options
        isOAM = flagByte & Field.oamFlag != 0
        isCritical = flagByte & Field.criticalFlag != 0
        protocolType = EtherType(rawValue: bytes.be16(at: Field.protocolType))
        vni = bytes.be24(at: Field.vni)
        headerLength = length
        payloadEnd = count
    }

    /// `Geneve vni 10 options 8 proto 0x6558`
    public var description: String {
        var text = "Geneve vni \(vni) options \(optionsLength) proto \(protocolType)"
        if isOAM { text += " oam" }
        if isCritical { text += " critical" }
        return text
    }
}
