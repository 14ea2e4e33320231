import Analysis

/// How a cluster capture ended: the report, the nodes that failed, the debug pods cleaned up.
public struct ClusterCaptureOutcome {
    public enum Status: Equatable, Sendable {
        /// Every node captured (exit 0).
        case complete
        /// The report holds what the others captured; some node failed or input was damaged (exit 4).
        case partial
        /// No node's capture worked (exit 3).
        case failed
    }

    public var result: AnalysisResult
    /// Captures asked for: nodes × interfaces.
    public var streamCount: Int
    public var failures: [NodeCaptureFailure]
    /// Captures whose pcap stream started.
    public var startedStreams: Int
    public var stopReason: ClusterStopReason
    /// The debug pods this run made and deleted.
    public var deletedPods: [String]
    /// Clean-up that did not work: pods that may be left behind, and why.
    public var cleanupProblems: [String]

    public var status: Status {
        Self.status(streams: streamCount, failed: failures.count, partialInput: result.isPartial)
    }

    /// Exit 3 when every capture failed, 4 when some did (or a stream was damaged), else 0.
    public static func status(streams: Int, failed: Int, partialInput: Bool) -> Status {
        if streams == 0 || failed >= streams { return .failed }
        if failed > 0 || partialInput { return .partial }
        return .complete
    }
}
