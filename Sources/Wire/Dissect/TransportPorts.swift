/// The two port slots of a flow: TCP or UDP ports, or an ICMP echo identifier in both.
public struct TransportPorts: Sendable, Hashable {
    public var source: UInt16
    public var destination: UInt16

    public init(source: UInt16, destination: UInt16) {
        self.source = source
        self.destination = destination
    }
}
