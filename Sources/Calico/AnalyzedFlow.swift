import Flows

/// A flow with its Calico verdict.
public struct AnalyzedFlow: Sendable {
    public var record: FlowRecord
    public var verdict: FlowVerdict

    public init(record: FlowRecord, verdict: FlowVerdict) {
        self.record = record
        self.verdict = verdict
    }
}
