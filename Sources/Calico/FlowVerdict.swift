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
    /// The record's own findings (no reply, ICMP errors) are not in `findings`: the flow's
    /// `AnalyzedFlow.findings` builds them from the record.
    public var recordFindingsDeferred = false

    /// The findings' sentences, as the reports print them.
    public var notes: [String] { findings.map(\.detail) }

    /// The overlay that carried the flow: another overlay's name when one did (that is what the
    /// reader must know), else Calico's; nil when no tunnel carried it.
    public var overlay: Overlay? {
        let named = Set(carriers.compactMap(\.overlay))
        return named.filter { $0 != .calico }.min() ?? named.min()
    }

    /// Carried by another overlay (or Calico eBPF's NodePort forwarding) and by nothing of
    /// Calico's pod encapsulation: the pool reading leaves it out.
    /// ERSPAN copies are not a path: a mirrored flow is judged by its own carriers.
    public var isCarriedByOtherOverlay: Bool {
        carriers.contains { $0.overlay.map { $0 != .calico && $0 != .erspan } ?? false }
            && !carriers.contains { $0.overlay == .calico || $0.mode == .wireguard || $0.mode == .direct }
    }
}
