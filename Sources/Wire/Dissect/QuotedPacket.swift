/// The packet an ICMP or ICMPv6 error quotes: enough of it to name the flow it belongs to.
public struct QuotedPacket: Sendable, Hashable {
    public var source: IPAddress
    public var destination: IPAddress
    public var protocolNumber: IPProtocol
    /// Ports of quoted TCP/UDP, the echo identifier (both) of quoted ICMP echo; zero when not quoted.
    public var sourcePort: UInt16
    public var destinationPort: UInt16
    /// The quoted packet's IP length (its total length field): the size that did not fit, for a
    /// "fragmentation needed" or "packet too big". For a quoted tunnel packet, the outer one's.
    public var length: Int = 0
    /// When the quote is a tunnel packet (IP-in-IP, VXLAN) whose inner header is quoted too, the
    /// tunnel; the addresses and ports above are then the inner packet's.
    public var tunnel: EncapsulationKind? = nil

    public init(
        source: IPAddress, destination: IPAddress, protocolNumber: IPProtocol, sourcePort: UInt16 = 0,
        destinationPort: UInt16 = 0
    ) {
        self.source = source
        self.destination = destination
        self.protocolNumber = protocolNumber
        self.sourcePort = sourcePort
        self.destinationPort = destinationPort
    }
}
