import Analysis

/// `--format jsonl` while capturing: one flow object per line as each flow finishes, the same
/// object as `JSONReport.flow` (and `JSONLinesReport`) produces.
public enum JSONLinesStream {
    public static func line(_ flow: AnalyzedFlow) -> String {
        JSONReport.flow(flow).compactText + "\n"
    }
}
