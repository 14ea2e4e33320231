import Wire

/// An ICMP/ICMPv6 error that quoted a packet of a flow (unreachable, time exceeded, …).
public struct ICMPErrorNote: Sendable, Hashable {
    /// Who sent the error (a router, the destination host, …).
    public var reporter: IPAddress
    public var protocolNumber: IPProtocol
    public var type: UInt8
    public var code: UInt8
    public var count: Int
    public var firstSeen: Int64
    public var lastSeen: Int64 = 0
    /// The MTU a "fragmentation needed" (ICMP 3/4) or "packet too big" (ICMPv6 2) announces; nil for other errors.
    public var announcedMTU: Int? = nil
    /// The largest IP length of the quoted packets (for a quoted tunnel packet, the outer one's).
    public var quotedLength = 0
    /// The tunnel of the quoted packet, when the error quoted a tunnel packet (a node's) rather than a pod's.
    public var quotedTunnel: EncapsulationKind? = nil
    /// Who the error was sent to: the sender of the quoted packet (a node for a quoted tunnel packet).
    public var recipient: IPAddress? = nil
}

/// What one ICMP error adds to its note besides its type: the announced MTU and the quote.
public struct ICMPErrorDetails: Sendable, Hashable {
    public var announcedMTU: Int? = nil
    public var quotedLength = 0
    public var quotedTunnel: EncapsulationKind? = nil
    public var recipient: IPAddress? = nil

    public init(announcedMTU: Int? = nil, quotedLength: Int = 0, quotedTunnel: EncapsulationKind? = nil, recipient: IPAddress? = nil) {
        self.announcedMTU = announcedMTU
        self.quotedLength = quotedLength
        self.quotedTunnel = quotedTunnel
        self.recipient = recipient
    }
}
