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
}
