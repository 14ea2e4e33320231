import Findings
import Flows
import Wire

/// The Calico reading of one flow.
public struct FlowVerdict: Sendable {
    public var mode: CalicoMode
    public var kind: FlowKind
    /// How the flow ended: established, refused, reset, answered, unreachable, no-reply, …
    public var outcome: FlowOutcome
    public var carriers: [ResolvedCarrier]
    /// The nodes hosting client and server, when their pod blocks were seen in a tunnel.
    public var clientNode: IPAddress?
    public var serverNode: IPAddress?
    /// What is worth telling about the flow: unanswered through a tunnel, ICMP errors, several
    /// modes, … (each names this flow).
    public var findings: [Finding]

    /// The findings' sentences, as the reports print them.
    public var notes: [String] { findings.map(\.detail) }
}
