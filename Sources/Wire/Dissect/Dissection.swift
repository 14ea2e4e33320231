/// Everything the flow table and the overlay rules need from one packet. Escapable, allocation-free
/// for well-formed packets: it holds decoded values, never the captured bytes.
public struct Dissection: Sendable {
    // MARK: Link layer of the capture
    /// Outermost Ethernet addresses (Ethernet captures); for cooked captures the sender's address.
    public var linkSourceMAC: MACAddress?
    public var linkDestinationMAC: MACAddress?
    /// Linux cooked capture fields (SLL/SLL2): the ARPHRD type, packet type, interface (SLL2 only).
    public var cookedAddressType: UInt16?
    public var cookedPacketType: UInt8?
    public var cookedInterfaceIndex: UInt32?
    /// The outermost VLAN identifier, if tagged.
    public var vlan: UInt16?
    /// ARP sender, when the packet is an Ethernet/IPv4 ARP message (learns host addresses).
    public var arpSenderAddress: IPv4Address?
    public var arpSenderMAC: MACAddress?

    // MARK: Tunnels
    public var encapsulations = EncapsulationStack()
    /// A WireGuard message: the flow is the UDP session between nodes; its content is opaque.
    public var isWireGuard = false

    // MARK: Innermost IP packet
    public var hasIP = false
    /// How many encapsulations enclose the innermost IP header that was decoded.
    public var ipDepth = 0
    public var source: IPAddress = .v4(IPv4Address(rawValue: 0))
    public var destination: IPAddress = .v4(IPv4Address(rawValue: 0))
    /// The upper-layer protocol (after IPv6 extension headers).
    public var protocolNumber = IPProtocol(rawValue: 0)
    /// Bytes to count: the IP total length (0 in the header, as TSO writes it, means the captured length).
    public var ipLength = 0
    public var identification: UInt32 = 0
    public var timeToLive: UInt8 = 0
    public var isFragment = false
    /// A fragment with offset zero: carries the upper-layer header.
    public var isFirstFragment = false

    // MARK: Transport
    /// Ports (or the ICMP echo identifier, in both) are known.
    public var hasPorts = false
    public var sourcePort: UInt16 = 0
    public var destinationPort: UInt16 = 0
    public var tcpFlags = TCPFlags()
    public var tcpSequenceNumber: UInt32 = 0
    public var tcpAcknowledgmentNumber: UInt32 = 0
    public var icmpType: UInt8 = 0
    public var icmpCode: UInt8 = 0
    public var icmpSequenceNumber: UInt16 = 0
    /// Up to eight leading bytes of the UDP or ICMP payload, for the fingerprint.
    public var payloadDigest: UInt64 = 0
    /// An ICMP/ICMPv6 echo request (true) or reply (false); nil for other messages.
    public var icmpEchoRequest: Bool?
    /// The packet an ICMP/ICMPv6 error quotes.
    public var quoted: QuotedPacket?
    /// Identifies this packet across capture points (same IP ID, lengths and transport fields).
    public var fingerprint: UInt64 = 0

    // MARK: Outcome
    /// Captured bytes were fewer than a length field claimed somewhere (a snaplen cut).
    public var isTruncated = false
    /// Why decoding stopped early; nil when the packet decoded fully.
    public var problem: PacketAnomaly?
    /// An irregularity that did not stop decoding (e.g. `vxlan_reserved_bits_set`).
    public var irregularity: PacketAnomaly?

    /// The stable name of `problem` (`truncated_ipv4`, `encapsulation_depth_exceeded`, …).
    public var anomaly: String? { problem?.name }
    /// The stable name of `irregularity`.
    public var notice: String? { irregularity?.name }

    public init() {}

    /// Forgets transport fields of an outer packet when an inner IP header is decoded.
    mutating func resetTransport() {
        hasPorts = false
        sourcePort = 0
        destinationPort = 0
        tcpFlags = TCPFlags()
        tcpSequenceNumber = 0
        tcpAcknowledgmentNumber = 0
        icmpType = 0
        icmpCode = 0
        icmpSequenceNumber = 0
        icmpEchoRequest = nil
        payloadDigest = 0
        quoted = nil
    }

    /// The innermost packet is the one the tunnels delivered (decoding did not stop in between).
    /// A packet cut off at the encapsulation depth limit is not: its last IP header is a tunnel's.
    public var innermostDecoded: Bool {
        hasIP && ipDepth == encapsulations.count && problem != .encapsulationDepthExceeded
    }
}
