import Wire

/// One side of an observed flow.
public struct ObservedEndpoint: Sendable, Hashable, CustomStringConvertible {
    public var address: IPAddress
    /// The port, or the ICMP echo identifier.
    public var port: UInt16

    public init(address: IPAddress, port: UInt16) {
        self.address = address
        self.port = port
    }

    public var description: String {
        address.isIPv4 ? "\(address):\(port)" : "[\(address)]:\(port)"
    }
}
