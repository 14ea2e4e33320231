import Analysis
import Calico

/// `--format jsonl` while capturing: one flow object per line as each flow finishes, the same
/// object as `JSONReport.flow` (and `JSONLinesReport`) produces.
public enum JSONLinesStream {
    /// `captureNames`: the running session's, so that `seenAt` is there as in the report.
    public static func line(_ flow: AnalyzedFlow, captureNames: CaptureNames? = nil) -> String {
        JSONReport.flow(flow, captureNames: captureNames).compactText + "\n"
    }
}
