/// An Ethernet II frame header (IEEE 802.3), with any IEEE 802.1Q / 802.1ad VLAN tags.
///
/// ```
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                      Destination MAC                          |
/// +                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                               |                               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               +
/// |                        Source MAC                             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |   EtherType (or TPID 0x8100)  | [PCP|DEI|  VLAN id (12 bits)] |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ```
///
/// Each VLAN tag inserts four bytes (TPID, TCI) before the EtherType that follows it. The
/// payload runs to the end of the captured bytes: Ethernet padding is trimmed later by the
/// network layer's own length field.
public struct EthernetFrame: Sendable, Hashable, CustomStringConvertible {
    enum Field {
        static let destination = 0
        static let source = 6
        static let etherType = 12
        static let minimumHeader = 14
        /// Within a tag: the TCI (PCP, DEI, VLAN id), then the next EtherType.
        static let tagControl = 0
        static let tagNextType = 2
        static let tagLength = 4
        static let vlanIdentifierMask: UInt16 = 0x0fff
        static let maximumTags = 8
        /// EtherType values below this are IEEE 802.3 length fields.
        static let firstEtherType: UInt16 = 0x0600
    }

    public let destination: MACAddress
    public let source: MACAddress
    /// How many VLAN tags (802.1Q, 802.1ad, legacy Q-in-Q) precede the EtherType.
    public let vlanTagCount: Int
    /// The 12-bit VLAN id of the first (outer) tag.
    public let outerVLAN: UInt16?
    /// The 12-bit VLAN id of the second tag.
    public let innerVLAN: UInt16?
    /// The EtherType after all tags. Below 0x0600 it is an 802.3 length, kept raw.
    public let etherType: EtherType
    /// 14 + 4 × `vlanTagCount`.
    public let headerLength: Int
    /// The captured byte count: Ethernet has no length field of its own.
    public let payloadEnd: Int

    public var payloadRange: Range<Int> { headerLength..<payloadEnd }

    /// Whether `etherType` is really an IEEE 802.3 length (below 0x0600).
    public var isLengthField: Bool { etherType.rawValue < Field.firstEtherType }

    public init(parsing bytes: RawSpan) throws(DecodeError) {
        let count = bytes.byteCount
        guard count >= Field.minimumHeader else {
            throw .truncated(.ethernet, needed: Field.minimumHeader, available: count)
        }
        var type = EtherType(rawValue: bytes.be16(at: Field.etherType))
        var offset = Field.minimumHeader
        var tags = 0
        var outer: UInt16? = nil
        var inner: UInt16? = nil
        while type.isVLANTag {
            tags += 1
            guard tags <= Field.maximumTags else { throw .malformed(.vlan, .chainTooLong(tags)) }
            guard count >= offset + Field.tagLength else {
                throw .truncated(.vlan, needed: offset + Field.tagLength, available: count)
            }
            let identifier = bytes.be16(at: offset + Field.tagControl) & Field.vlanIdentifierMask
            if tags == 1 {
                outer = identifier
            } else if tags == 2 {
                inner = identifier
            }
            type = EtherType(rawValue: bytes.be16(at: offset + Field.tagNextType))
            offset += Field.tagLength
        }
        destination = MACAddress(bytes, at: Field.destination)
        source = MACAddress(bytes, at: Field.source)
        vlanTagCount = tags
        outerVLAN = outer
        innerVLAN = inner
        etherType = type
        headerLength = offset
        payloadEnd = count
    }

    /// `Ethernet 02:00:c0:a8:0a:65 > 02:00:c0:a8:0a:66 vlan 13.10 IPv4`
    public var description: String {
        var text = "Ethernet \(source) > \(destination)"
        if let outerVLAN {
            text += " vlan \(outerVLAN)"
            if let innerVLAN { text += ".\(innerVLAN)" }
            if vlanTagCount > 2 { text += " (+\(vlanTagCount - 2) tags)" }
        }
        text += isLengthField ? " 802.3 length \(etherType.rawValue)" : " \(etherType)"
        return text
    }
}
