import Findings
import Flows

/// A flow with its Calico verdict.
public struct AnalyzedFlow: Sendable {
    public var record: FlowRecord
    public var verdict: FlowVerdict

    public init(record: FlowRecord, verdict: FlowVerdict) {
        self.record = record
        self.verdict = verdict
    }

    /// What is worth telling about the flow: the verdict's findings and, when the verdict
    /// deferred them, the ones its record gives (no reply, ICMP errors), built now.
    public var findings: [Finding] {
        verdict.recordFindingsDeferred ? verdict.findings + FlowFindings.ofRecord(record, mode: verdict.mode) : verdict.findings
    }

    /// The findings' sentences, as the reports print them.
    public var notes: [String] { findings.map(\.detail) }
}
