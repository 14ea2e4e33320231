/// A GRE header: RFC 2784 with the RFC 2890 key and sequence number, and version 1 (the
/// enhanced GRE of PPTP, RFC 2637) with its acknowledgment number.
///
/// ```
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |C|R|K|S| Reserved0     |A| Rsv |Ver|         Protocol Type         |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |      Checksum (optional)      |       Reserved1 (optional)    |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                         Key (optional)                        |  v1: payload length, call id
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                 Sequence Number (optional)                    |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |            Acknowledgment Number (v1, optional)               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ```
///
/// The routing bit (RFC 1701 source routing) is deprecated and rejected as reserved bits.
public struct GREHeader: Sendable, Hashable, CustomStringConvertible {
    enum Field {
        static let flagsVersion = 0
        static let protocolType = 2
        static let minimumHeader = 4
        static let optionalFieldLength = 4
        static let checksumFlag: UInt16 = 0x8000
        static let routingFlag: UInt16 = 0x4000
        static let keyFlag: UInt16 = 0x2000
        static let sequenceFlag: UInt16 = 0x1000
        /// Version 1 only.
        static let acknowledgmentFlag: UInt16 = 0x0080
        static let versionMask: UInt16 = 0x0007
        static let enhancedVersion: UInt8 = 1
    }

    public let checksumPresent: Bool
    public let keyPresent: Bool
    public let sequencePresent: Bool
    /// The A bit, meaningful in version 1 only.
    public let acknowledgmentPresent: Bool
    /// 0 (RFC 2784) or 1 (enhanced GRE, PPTP).
    public let version: UInt8
    /// The EtherType of the payload (0x6558 for an Ethernet frame, 0x880b PPP in version 1).
    public let protocolType: EtherType
    public let checksum: UInt16?
    /// The key; in version 1 the payload length (high 16 bits) and call id (low 16 bits).
    public let key: UInt32?
    public let sequenceNumber: UInt32?
    public let acknowledgmentNumber: UInt32?
    /// 4 + 4 per optional field present.
    public let headerLength: Int
    /// The captured byte count.
    public let payloadEnd: Int

    public var payloadRange: Range<Int> { headerLength..<payloadEnd }

    public init(parsing bytes: RawSpan) throws(DecodeError) {
        let count = bytes.byteCount
        guard count >= Field.minimumHeader else {
            throw .truncated(.gre, needed: Field.minimumHeader, available: count)
        }
        let flagsVersion = bytes.be16(at: Field.flagsVersion)
        let versionBits = UInt8(flagsVersion & Field.versionMask)
        guard versionBits <= Field.enhancedVersion else { throw .malformed(.gre, .badVersion(versionBits)) }
        guard flagsVersion & Field.routingFlag == 0 else { throw .malformed(.gre, .reservedBits) }
        let hasChecksum = flagsVersion & Field.checksumFlag != 0
        let hasKey = flagsVersion & Field.keyFlag != 0
        let hasSequence = flagsVersion & Field.sequenceFlag != 0
        let hasAcknowledgment = versionBits == Field.enhancedVersion && flagsVersion & Field.acknowledgmentFlag != 0
        let optionalFields = [hasChecksum, hasKey, hasSequence, hasAcknowledgment].filter { $0 }.count
        let length = Field.minimumHeader + Field.optionalFieldLength * optionalFields
        guard count >= length else { throw .truncated(.gre, needed: length, available: count) }

        var offset = Field.minimumHeader
        func next() -> Int {
            defer { offset += Field.optionalFieldLength }
            return offset
        }
        checksumPresent = hasChecksum
        keyPresent = hasKey
        sequencePresent = hasSequence
        acknowledgmentPresent = hasAcknowledgment
        version = versionBits
        protocolType = EtherType(rawValue: bytes.be16(at: Field.protocolType))
        checksum = hasChecksum ? bytes.be16(at: next()) : nil
        key = hasKey ? bytes.be32(at: next()) : nil
        sequenceNumber = hasSequence ? bytes.be32(at: next()) : nil
        acknowledgmentNumber = hasAcknowledgment ? bytes.be32(at: next()) : nil
        headerLength = length
        payloadEnd = count
    }

    /// `GREv0 key 0x28 proto IPv4`
    public var description: String {
        var text = "GREv\(version)"
        if let key { text += " key 0x" + String(key, radix: 16) }
        if let sequenceNumber { text += " seq \(sequenceNumber)" }
        if let acknowledgmentNumber { text += " ack \(acknowledgmentNumber)" }
        return text + " proto \(protocolType)"
    }
}
