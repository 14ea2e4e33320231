import Wire

/// Names a flow the way reports do: its protocol and both ends, client first, so that a
/// finding's flows can be joined with the report's flows.
public struct FlowReference: Sendable, Hashable {
    public var protocolNumber: IPProtocol
    public var clientAddress: IPAddress
    public var clientPort: UInt16
    public var serverAddress: IPAddress
    public var serverPort: UInt16

    public init(
        protocolNumber: IPProtocol, clientAddress: IPAddress, clientPort: UInt16, serverAddress: IPAddress,
        serverPort: UInt16
    ) {
        self.protocolNumber = protocolNumber
        self.clientAddress = clientAddress
        self.clientPort = clientPort
        self.serverAddress = serverAddress
        self.serverPort = serverPort
    }
}
