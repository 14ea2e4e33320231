/// An ERSPAN header (Cisco's Encapsulated Remote SPAN, draft-foschiano-erspan), between a GRE
/// header and the mirrored frame. Type II (GRE protocol 0x88be, version 1) is 8 bytes; type III
/// (GRE protocol 0x22eb, version 2) is 12 bytes, plus an 8-byte platform-specific subheader when
/// its O flag is set. Type I (0x88be in a GRE header without a sequence number) has no ERSPAN
/// header at all: the dissector goes straight to the frame and never builds this view.
///
/// ```
/// Type II:
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |  Ver  |          VLAN         | COS | En|T|    Session ID     |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |      Reserved         |                  Index                |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// Type III:
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |  Ver  |          VLAN         | COS |BSO|T|     Session ID    |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                          Timestamp                            |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |             SGT               |P|    FT   |   Hw ID   |D|Gra|O|
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |        Platform-specific subheader (8 bytes, when O)          |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ```
public struct ERSPANHeader: Sendable, Hashable, CustomStringConvertible {
    enum Field {
        static let versionVLAN = 0
        static let cosSession = 2
        static let typeIIIndex = 4
        static let typeIIITimestamp = 4
        static let typeIIISecurityGroupTag = 8
        static let typeIIIFlags = 10
        static let typeIIHeader = 8
        static let typeIIIHeader = 12
        static let platformSubheader = 8
        static let typeIIVersion: UInt8 = 1
        static let typeIIIVersion: UInt8 = 2
        static let sessionMask: UInt16 = 0x03ff
        static let vlanMask: UInt16 = 0x0fff
        static let indexMask: UInt32 = 0x000f_ffff
        /// FT, bits 1-5 of the type III flags' first byte.
        static let frameTypeShift: UInt16 = 10
        static let frameTypeMask: UInt16 = 0x1f
        static let optionalSubheaderFlag: UInt16 = 0x0001
    }

    /// What a type III header says follows it.
    public enum FrameType: Sendable, Hashable {
        case ethernet
        case ip
        case other(UInt8)
    }

    /// 1 (type II) or 2 (type III).
    public let version: UInt8
    /// The original frame's VLAN.
    public let vlan: UInt16
    /// The 10-bit session id: which mirror session sent it.
    public let sessionID: UInt16
    /// Type II: the 20-bit port index; nil for type III.
    public let index: UInt32?
    /// Type III: the timestamp and the security group tag; nil for type II.
    public let timestamp: UInt32?
    public let securityGroupTag: UInt16?
    /// Type III: what follows (type II always carries Ethernet).
    public let frameType: FrameType
    /// 8, 12, or 20 with the type III platform-specific subheader.
    public let headerLength: Int
    /// The captured byte count.
    public let payloadEnd: Int

    public var payloadRange: Range<Int> { headerLength..<payloadEnd }

    /// Parses the header a GRE protocol type announces: 0x88be wants version 1, 0x22eb version 2.
    public init(parsing bytes: RawSpan, typeIII: Bool) throws(DecodeError) {
        let count = bytes.byteCount
        let fixed = typeIII ? Field.typeIIIHeader : Field.typeIIHeader
        guard count >= fixed else { throw .truncated(.erspan, needed: fixed, available: count) }
        let versionVLAN = bytes.be16(at: Field.versionVLAN)
        let versionBits = UInt8(versionVLAN >> 12)
        guard versionBits == (typeIII ? Field.typeIIIVersion : Field.typeIIVersion) else {
            throw .malformed(.erspan, .badVersion(versionBits))
        }
        var length = fixed
        var type = FrameType.ethernet
        if typeIII {
            let flags = bytes.be16(at: Field.typeIIIFlags)
            if flags & Field.optionalSubheaderFlag != 0 { length += Field.platformSubheader }
            guard count >= length else { throw .truncated(.erspan, needed: length, available: count) }
            switch UInt8((flags >> Field.frameTypeShift) & Field.frameTypeMask) {
            case 0: type = .ethernet
            case 2: type = .ip
            case let other: type = .other(other)
            }
            timestamp = bytes.be32(at: Field.typeIIITimestamp)
            securityGroupTag = bytes.be16(at: Field.typeIIISecurityGroupTag)
            index = nil
        } else {
            index = bytes.be32(at: Field.typeIIIndex) & Field.indexMask
            timestamp = nil
            securityGroupTag = nil
        }
        version = versionBits
        vlan = versionVLAN & Field.vlanMask
        sessionID = bytes.be16(at: Field.cosSession) & Field.sessionMask
        frameType = type
        headerLength = length
        payloadEnd = count
    }

    /// `ERSPAN type II session 7 vlan 0`
    public var description: String {
        "ERSPAN type \(version == Field.typeIIIVersion ? "III" : "II") session \(sessionID) vlan \(vlan)"
    }
}
