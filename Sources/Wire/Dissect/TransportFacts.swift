/// The upper layer of the innermost IP header, with the facts of its protocol.
public enum TransportFacts: Sendable, Hashable {
    case tcp(TCPFacts)
    case udp(UDPFacts)
    case icmp(ICMPFacts)
    case icmpv6(ICMPFacts)
    /// A protocol the dissector does not decode (SCTP, ESP, …): only its number is known.
    case other(IPProtocol)

    /// TCP or UDP ports; for an ICMP echo, its identifier in both slots; else nil.
    public var ports: TransportPorts? {
        switch self {
        case .tcp(let tcp): TransportPorts(source: tcp.sourcePort, destination: tcp.destinationPort)
        case .udp(let udp): TransportPorts(source: udp.sourcePort, destination: udp.destinationPort)
        case .icmp(let icmp), .icmpv6(let icmp):
            icmp.echo == nil ? nil : TransportPorts(source: icmp.identifier, destination: icmp.identifier)
        case .other: nil
        }
    }

    /// The TCP facts, when the upper layer is TCP.
    public var tcp: TCPFacts? {
        if case .tcp(let tcp) = self { return tcp }
        return nil
    }

    /// The UDP facts, when the upper layer is UDP.
    public var udp: UDPFacts? {
        if case .udp(let udp) = self { return udp }
        return nil
    }

    /// The ICMP or ICMPv6 message, when the upper layer is one.
    public var icmp: ICMPFacts? {
        switch self {
        case .icmp(let icmp), .icmpv6(let icmp): icmp
        default: nil
        }
    }
}
