/// An IPv4 header (RFC 791), decoded from captured bytes that may be snaplen-cut.
///
/// ```
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |Version|  IHL  |    DSCP/ECN   |          Total Length         |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |         Identification        |Flags|      Fragment Offset    |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |  Time to Live |    Protocol   |         Header Checksum       |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                       Source Address                          |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                    Destination Address                        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                    Options (IHL > 5)                          |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ```
///
/// The payload is bounded by the total length *and* the captured bytes, so Ethernet padding
/// never reaches the transport layer. A total length of 0 (TSO / BIG TCP) means "as captured".
public struct IPv4Header: Sendable, Hashable, CustomStringConvertible {
    enum Field {
        static let versionIHL = 0
        static let differentiatedServices = 1
        static let totalLength = 2
        static let identification = 4
        static let flagsFragment = 6
        static let timeToLive = 8
        static let protocolNumber = 9
        static let checksum = 10
        static let source = 12
        static let destination = 16
        static let minimumHeader = 20
        static let version: UInt8 = 4
        static let versionShift: UInt8 = 4
        static let ihlMask: UInt8 = 0x0f
        /// IHL counts 32-bit words.
        static let ihlUnit = 4
        static let reservedFlag: UInt16 = 0x8000
        static let dontFragmentFlag: UInt16 = 0x4000
        static let moreFragmentsFlag: UInt16 = 0x2000
        static let fragmentOffsetMask: UInt16 = 0x1fff
        /// The fragment offset field counts 8-byte units.
        static let fragmentUnit = 8
    }

    /// IHL × 4, validated to be 20...60 and captured.
    public let headerLength: Int
    /// DSCP (upper 6 bits) and ECN (lower 2 bits).
    public let differentiatedServices: UInt8
    /// The raw total-length field (0 under TSO / BIG TCP).
    public let totalLength: Int
    public let identification: UInt16
    /// DF.
    public let dontFragment: Bool
    /// MF.
    public let moreFragments: Bool
    /// The fragment offset in bytes (field × 8).
    public let fragmentOffset: Int
    public let timeToLive: UInt8
    public let protocolNumber: IPProtocol
    public let checksum: UInt16
    public let source: IPv4Address
    public let destination: IPv4Address
    /// The reserved ("evil") flag bit, which must be zero.
    public let reservedFlag: Bool
    /// MF set or a non-zero offset: the payload is not a whole upper-layer packet.
    public let isFragment: Bool
    /// The total length claims more bytes than were captured (a snaplen cut, not an error).
    public let isTruncated: Bool
    /// The total length is 0, as segmentation offload (TSO, BIG TCP) writes it.
    public let totalLengthIsZero: Bool
    /// The end of the IP payload: min(total length, captured), the captured count when 0.
    public let payloadEnd: Int

    public var payloadRange: Range<Int> { headerLength..<payloadEnd }

    /// The length to count bytes by: the total length, or the captured count when it is 0.
    public var ipLength: Int { totalLengthIsZero ? payloadEnd : totalLength }
    /// The first fragment of a fragmented datagram (it still carries the upper-layer header).
    public var isFirstFragment: Bool { isFragment && fragmentOffset == 0 }
    /// The option bytes between the fixed 20 bytes and `headerLength`.
    public var optionsLength: Int { headerLength - Field.minimumHeader }

    public init(parsing bytes: RawSpan) throws(DecodeError) {
        let count = bytes.byteCount
        guard count >= Field.minimumHeader else {
            throw .truncated(.ipv4, needed: Field.minimumHeader, available: count)
        }
        let versionIHL = bytes.u8(at: Field.versionIHL)
        let version = versionIHL >> Field.versionShift
        guard version == Field.version else { throw .malformed(.ipv4, .badVersion(version)) }
        let ihl = Int(versionIHL & Field.ihlMask) * Field.ihlUnit
        guard ihl >= Field.minimumHeader else { throw .malformed(.ipv4, .headerLength(ihl)) }
        guard count >= ihl else { throw .truncated(.ipv4, needed: ihl, available: count) }
        let total = Int(bytes.be16(at: Field.totalLength))
        guard total == 0 || total >= ihl else { throw .malformed(.ipv4, .totalLength(total)) }

        let flagsFragment = bytes.be16(at: Field.flagsFragment)
        headerLength = ihl
        differentiatedServices = bytes.u8(at: Field.differentiatedServices)
        totalLength = total
        identification = bytes.be16(at: Field.identification)
        reservedFlag = flagsFragment & Field.reservedFlag != 0
        dontFragment = flagsFragment & Field.dontFragmentFlag != 0
        moreFragments = flagsFragment & Field.moreFragmentsFlag != 0
        fragmentOffset = Int(flagsFragment & Field.fragmentOffsetMask) * Field.fragmentUnit
        timeToLive = bytes.u8(at: Field.timeToLive)
        protocolNumber = IPProtocol(rawValue: bytes.u8(at: Field.protocolNumber))
        checksum = bytes.be16(at: Field.checksum)
        source = IPv4Address(rawValue: bytes.be32(at: Field.source))
        destination = IPv4Address(rawValue: bytes.be32(at: Field.destination))
        isFragment = moreFragments || fragmentOffset != 0
        totalLengthIsZero = total == 0
        isTruncated = total > count
        payloadEnd = min(total == 0 ? count : total, count)
    }

    /// `IPv4 10.0.0.1 > 10.0.0.2 proto 6 len 60 ttl 64`, plus ` frag id 7 off 1480+` for fragments.
    public var description: String {
        var text = "IPv4 \(source) > \(destination) proto \(protocolNumber.rawValue) len \(totalLength) ttl \(timeToLive)"
        if isFragment {
            text += " frag id \(identification) off \(fragmentOffset)" + (moreFragments ? "+" : "")
        }
        return text
    }
}
