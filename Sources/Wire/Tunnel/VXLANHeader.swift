/// A VXLAN header (RFC 7348), the 8 bytes between the outer UDP header and the inner Ethernet
/// frame.
///
/// ```
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |R|R|R|R|I|R|R|R|            Reserved                           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                VXLAN Network Identifier (VNI) |   Reserved    |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ```
///
/// Nothing about the flags is thrown: a clear I flag or set reserved bits are anomalies for the
/// dissector to name. The Group Based Policy extension (G bit 0x80, policy id in bytes 2-3) is
/// recognised but still counted as reserved bits.
public struct VXLANHeader: Sendable, Hashable, CustomStringConvertible {
    enum Field {
        static let flags = 0
        static let reservedAfterFlags = 1
        static let groupPolicyID = 2
        static let vni = 4
        static let reservedAfterVNI = 7
        static let minimumHeader = 8
        static let vniFlag: UInt8 = 0x08
        static let groupPolicyFlag: UInt8 = 0x80
    }

    public let flags: UInt8
    /// The I flag (0x08): the VNI is valid.
    public let hasVNI: Bool
    /// The 24-bit VXLAN network identifier.
    public let vni: UInt32
    /// Any bit other than I in byte 0, or any of bytes 1-3 or 7, is set.
    public let reservedBitsSet: Bool
    /// The G bit (0x80) of the Group Based Policy extension.
    public let isGroupPolicy: Bool
    /// Bytes 2-3, the group policy id when `isGroupPolicy`.
    public let groupPolicyID: UInt16
    /// Always 8.
    public let headerLength: Int
    /// The captured byte count.
    public let payloadEnd: Int

    public var payloadRange: Range<Int> { headerLength..<payloadEnd }

    public init(parsing bytes: RawSpan) throws(DecodeError) {
        let count = bytes.byteCount
        guard count >= Field.minimumHeader else {
            throw .truncated(.vxlan, needed: Field.minimumHeader, available: count)
        }
        let flagByte = bytes.u8(at: Field.flags)
        flags = flagByte
        hasVNI = flagByte & Field.vniFlag != 0
        vni = bytes.be24(at: Field.vni)
        reservedBitsSet = flagByte & ~Field.vniFlag != 0
            || bytes.be24(at: Field.reservedAfterFlags) != 0
            || bytes.u8(at: Field.reservedAfterVNI) != 0
        isGroupPolicy = flagByte & Field.groupPolicyFlag != 0
        groupPolicyID = bytes.be16(at: Field.groupPolicyID)
        headerLength = Field.minimumHeader
        payloadEnd = count
    }

    /// `VXLAN flags 0x08 vni 4096`
    public var description: String {
        let hex = String(flags, radix: 16)
        return "VXLAN flags 0x" + (hex.count < 2 ? "0" + hex : hex) + " vni \(vni)"
    }
}
