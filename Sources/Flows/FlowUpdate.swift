/// What the flow table did with one packet.
public enum FlowUpdate: Sendable, Equatable {
    /// Counted in a flow; `firstSighting` when it is the flow's first packet in its direction at
    /// this capture point with this carrier (the moment to learn addresses from it: at most
    /// twice per flow and point, never per packet).
    case recorded(firstSighting: Bool)
    /// An ICMP error attached to the flow whose packet it quotes.
    case icmpErrorAttached
    /// Not a flow packet (no IP, ARP, a tunnel whose inner packet did not decode, …).
    case noFlow
    /// IPv6 neighbour discovery or multicast listener messages: link-layer plumbing, like ARP.
    case linkControl
    /// A non-first fragment whose first fragment was not seen: the ports are unknown.
    case fragmentWithoutFirst
}
