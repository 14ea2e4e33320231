import Calico
import Flows

/// A flow with its Calico verdict.
public struct AnalyzedFlow: Sendable {
    public var record: FlowRecord
    public var verdict: FlowVerdict
}
