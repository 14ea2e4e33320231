import Findings
import Flows

extension FlowReference {
    /// The reference of a flow record: its protocol, client and server.
    public init(_ record: FlowRecord) {
        self.init(
            protocolNumber: record.key.protocolNumber, clientAddress: record.client.address, clientPort: record.client.port,
            serverAddress: record.server.address, serverPort: record.server.port)
    }
}
