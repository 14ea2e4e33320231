import Analysis

/// `--format jsonl`: one flow object per line, the same objects as `flows` in `--format json`.
public enum JSONLinesReport {
    public static func render(_ result: AnalysisResult) -> String {
        var output = ""
        for flow in result.flows {
            output += JSONReport.flow(flow).compactText
            output += "\n"
        }
        return output
    }
}
