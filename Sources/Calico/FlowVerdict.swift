import Flows
import Wire

/// The Calico reading of one flow.
public struct FlowVerdict: Sendable {
    public var mode: CalicoMode
    public var kind: FlowKind
    public var carriers: [ResolvedCarrier]
    /// The nodes hosting client and server, when their pod blocks were seen in a tunnel.
    public var clientNode: IPAddress?
    public var serverNode: IPAddress?
    /// Plain-language remarks: unanswered through a tunnel, ICMP errors, mode changes, …
    public var notes: [String]
}
