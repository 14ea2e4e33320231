/// The Linux "cooked" capture header, version 1 (LINKTYPE_LINUX_SLL 113, 16 bytes).
///
/// ```
/// +---------------------------+
/// |  Packet type (2 bytes)    |  0 host, 1 broadcast, 2 multicast, 3 otherhost, 4 outgoing
/// |  ARPHRD type (2 bytes)    |
/// |  Address length (2 bytes) |
/// |  Address (8 bytes)        |  the first `addressLength` bytes are meaningful
/// |  Protocol type (2 bytes)  |  an EtherType
/// +---------------------------+
/// ```
public struct LinuxSLLHeader: Sendable, Hashable, CustomStringConvertible {
    enum Field {
        static let packetType = 0
        static let addressType = 2
        static let addressLength = 4
        static let address = 6
        static let addressCapacity = LinkAddress.capacity
        static let protocolType = 14
        static let minimumHeader = 16
    }

    /// 0 host, 1 broadcast, 2 multicast, 3 otherhost, 4 outgoing (`PACKET_*`).
    public let packetType: UInt16
    /// The link-layer address type, an `ARPHRD_*` value (1 Ethernet, 772 loopback, …).
    public let addressType: UInt16
    /// The number of meaningful address bytes (halen), at most 8.
    public let addressLength: Int
    /// The first `min(addressLength, 8)` address bytes, packed big-endian.
    public let linkAddress: UInt64
    /// The sender's MAC, when the address is a 6-byte Ethernet (or loopback) address.
    public let sourceMAC: MACAddress?
    /// The EtherType of the payload.
    public let protocolType: EtherType
    /// Always 16.
    public let headerLength: Int
    /// The captured byte count.
    public let payloadEnd: Int

    public var payloadRange: Range<Int> { headerLength..<payloadEnd }

    public init(parsing bytes: RawSpan) throws(DecodeError) {
        let count = bytes.byteCount
        guard count >= Field.minimumHeader else {
            throw .truncated(.linuxSLL, needed: Field.minimumHeader, available: count)
        }
        let halen = Int(bytes.be16(at: Field.addressLength))
        guard halen <= Field.addressCapacity else { throw .malformed(.linuxSLL, .addressLength(halen)) }
        packetType = bytes.be16(at: Field.packetType)
        addressType = bytes.be16(at: Field.addressType)
        addressLength = halen
        linkAddress = LinkAddress.packed(bytes, at: Field.address, length: halen)
        sourceMAC = LinkAddress.mac(bytes, at: Field.address, addressType: addressType, length: halen)
        protocolType = EtherType(rawValue: bytes.be16(at: Field.protocolType))
        headerLength = Field.minimumHeader
        payloadEnd = count
    }

    /// `SLL type 0 arphrd 1 02:00:c0:a8:0a:66 IPv4`
    public var description: String {
        let address = sourceMAC.map { " \($0)" } ?? ""
        return "SLL type \(packetType) arphrd \(addressType)\(address) \(protocolType)"
    }
}
