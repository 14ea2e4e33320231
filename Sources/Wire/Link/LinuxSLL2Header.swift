/// The Linux "cooked" capture header, version 2 (LINKTYPE_LINUX_SLL2 276, 20 bytes), what
/// `tcpdump -i any` writes since 4.99.
///
/// ```
/// +-----------------------------+
/// |  Protocol type (2 bytes)    |  an EtherType — first, unlike SLL v1
/// |  Reserved (2 bytes)         |
/// |  Interface index (4 bytes)  |
/// |  ARPHRD type (2 bytes)      |
/// |  Packet type (1 byte)       |
/// |  Address length (1 byte)    |
/// |  Address (8 bytes)          |
/// +-----------------------------+
/// ```
public struct LinuxSLL2Header: Sendable, Hashable, CustomStringConvertible {
    enum Field {
        static let protocolType = 0
        static let reserved = 2
        static let interfaceIndex = 4
        static let addressType = 8
        static let packetType = 10
        static let addressLength = 11
        static let address = 12
        static let addressCapacity = LinkAddress.capacity
        static let minimumHeader = 20
    }

    /// The EtherType of the payload.
    public let protocolType: EtherType
    /// The capturing interface's ifindex.
    public let interfaceIndex: UInt32
    /// The link-layer address type, an `ARPHRD_*` value.
    public let addressType: UInt16
    /// 0 host, 1 broadcast, 2 multicast, 3 otherhost, 4 outgoing (`PACKET_*`).
    public let packetType: UInt8
    /// The number of meaningful address bytes (halen), at most 8.
    public let addressLength: Int
    /// The first `min(addressLength, 8)` address bytes, packed big-endian.
    public let linkAddress: UInt64
    /// The sender's MAC, when the address is a 6-byte Ethernet (or loopback) address.
    public let sourceMAC: MACAddress?
    /// Always 20.
    public let headerLength: Int
    /// The captured byte count.
    public let payloadEnd: Int

    public var payloadRange: Range<Int> { headerLength..<payloadEnd }

    /// Whether the kernel saw the packet leave (`PACKET_OUTGOING`).
    public var isOutgoing: Bool { packetType == 4 }

    public init(parsing bytes: RawSpan) throws(DecodeError) {
        let count = bytes.byteCount
        guard count >= Field.minimumHeader else {
            throw .truncated(.linuxSLL2, needed: Field.minimumHeader, available: count)
        }
        let halen = Int(bytes.u8(at: Field.addressLength))
        guard halen <= Field.addressCapacity else { throw .malformed(.linuxSLL2, .addressLength(halen)) }
        protocolType = EtherType(rawValue: bytes.be16(at: Field.protocolType))
        interfaceIndex = bytes.be32(at: Field.interfaceIndex)
        addressType = bytes.be16(at: Field.addressType)
        packetType = bytes.u8(at: Field.packetType)
        addressLength = halen
        linkAddress = LinkAddress.packed(bytes, at: Field.address, length: halen)
        sourceMAC = LinkAddress.mac(bytes, at: Field.address, addressType: addressType, length: halen)
        headerLength = Field.minimumHeader
        payloadEnd = count
    }

    /// `SLL2 ifindex 3 type 0 arphrd 1 0a:58:ac:10:9e:01 IPv4`
    public var description: String {
        let address = sourceMAC.map { " \($0)" } ?? ""
        return "SLL2 ifindex \(interfaceIndex) type \(packetType) arphrd \(addressType)\(address) \(protocolType)"
    }
}
