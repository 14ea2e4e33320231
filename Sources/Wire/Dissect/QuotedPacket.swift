/// The packet an ICMP or ICMPv6 error quotes: enough of it to name the flow it belongs to.
public struct QuotedPacket: Sendable, Hashable {
    public var source: IPAddress
    public var destination: IPAddress
    public var protocolNumber: IPProtocol
    /// Ports of quoted TCP/UDP, the echo identifier (both) of quoted ICMP echo; zero when not quoted.
    public var sourcePort: UInt16
    public var destinationPort: UInt16

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
