/// An ARP packet (RFC 826).
///
/// ```
/// +--------------------------------+
/// | Hardware type (2)              |  1 Ethernet
/// | Protocol type (2)              |  an EtherType, 0x0800 IPv4
/// | Hardware length (1)            |  6 for Ethernet
/// | Protocol length (1)            |  4 for IPv4
/// | Operation (2)                  |  1 request, 2 reply
/// | Sender hardware address (hlen) |
/// | Sender protocol address (plen) |
/// | Target hardware address (hlen) |
/// | Target protocol address (plen) |
/// +--------------------------------+
/// ```
///
/// The addresses are decoded only for Ethernet/IPv4 ARP, which must then be fully captured
/// (28 bytes). Other kinds keep only the fixed part; `isTruncated` tells whether their
/// addresses were all captured.
public struct ARPPacket: Sendable, Hashable, CustomStringConvertible {
    enum Field {
        static let hardwareType = 0
        static let protocolType = 2
        static let hardwareLength = 4
        static let protocolLength = 5
        static let operation = 6
        static let minimumHeader = 8
        /// Ethernet/IPv4 address offsets.
        static let senderHardware = 8
        static let senderProtocol = 14
        static let targetHardware = 18
        static let targetProtocol = 24
        static let ethernetIPv4Length = 28
        static let ethernetHardware: UInt16 = 1
        static let macLength = 6
        static let ipv4Length = 4
    }

    /// 1 for Ethernet.
    public let hardwareType: UInt16
    public let protocolType: EtherType
    /// Hardware address length (hlen).
    public let hardwareLength: Int
    /// Protocol address length (plen).
    public let protocolLength: Int
    /// 1 request, 2 reply (3/4 RARP).
    public let operation: UInt16
    public let senderMAC: MACAddress?
    public let senderAddress: IPv4Address?
    public let targetMAC: MACAddress?
    public let targetAddress: IPv4Address?
    /// 8 + 2 × (hlen + plen), clipped to the captured bytes.
    public let headerLength: Int
    /// The captured byte count (anything past the addresses is padding).
    public let payloadEnd: Int
    /// Whether the addresses the lengths announce were not all captured.
    public let isTruncated: Bool

    public var payloadRange: Range<Int> { headerLength..<payloadEnd }

    /// Whether this is Ethernet/IPv4 ARP with decoded addresses.
    public var isEthernetIPv4: Bool { senderAddress != nil }
    public var isRequest: Bool { operation == 1 }
    public var isReply: Bool { operation == 2 }

    public init(parsing bytes: RawSpan) throws(DecodeError) {
        let count = bytes.byteCount
        guard count >= Field.minimumHeader else {
            throw .truncated(.arp, needed: Field.minimumHeader, available: count)
        }
        hardwareType = bytes.be16(at: Field.hardwareType)
        protocolType = EtherType(rawValue: bytes.be16(at: Field.protocolType))
        hardwareLength = Int(bytes.u8(at: Field.hardwareLength))
        protocolLength = Int(bytes.u8(at: Field.protocolLength))
        operation = bytes.be16(at: Field.operation)
        let claimed = Field.minimumHeader + 2 * (hardwareLength + protocolLength)
        if hardwareType == Field.ethernetHardware, hardwareLength == Field.macLength,
            protocolType == .ipv4, protocolLength == Field.ipv4Length
        {
            guard count >= Field.ethernetIPv4Length else {
                throw .truncated(.arp, needed: Field.ethernetIPv4Length, available: count)
            }
            senderMAC = MACAddress(bytes, at: Field.senderHardware)
            senderAddress = IPv4Address(rawValue: bytes.be32(at: Field.senderProtocol))
            targetMAC = MACAddress(bytes, at: Field.targetHardware)
            targetAddress = IPv4Address(rawValue: bytes.be32(at: Field.targetProtocol))
        } else {
            senderMAC = nil
            senderAddress = nil
            targetMAC = nil
            targetAddress = nil
        }
        headerLength = min(claimed, count)
        payloadEnd = count
        isTruncated = claimed > count
    }

    /// `ARP request who-has 192.168.10.1 tell 192.168.10.102`
    public var description: String {
        guard let senderAddress, let targetAddress else {
            return "ARP op \(operation) hardware \(hardwareType) protocol \(protocolType)"
        }
        switch operation {
        case 1: return "ARP request who-has \(targetAddress) tell \(senderAddress)"
        case 2: return "ARP reply \(senderAddress) is-at " + (senderMAC.map { $0.description } ?? "?")
        default: return "ARP op \(operation) \(senderAddress) > \(targetAddress)"
        }
    }
}
