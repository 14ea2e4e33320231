import Analysis

/// `--format jsonl`: one flow object per line, the same objects as `flows` in `--format json`.
public enum JSONLinesReport {
    public static func render(_ result: AnalysisResult) -> String {
        var text = ""
        write(result) { text += $0 }
        return text
    }

    /// Writes the lines in chunks of about 64 KiB.
    public static func write(_ result: AnalysisResult, to output: (String) -> Void) {
        let captureNames = CaptureNames(result)
        var chunk = ""
        for flow in result.flows {
            chunk += JSONReport.flow(flow, names: result.cluster, captureNames: captureNames).compactText
            chunk += "\n"
            if chunk.utf8.count >= 1 << 16 {
                output(chunk)
                chunk = ""
            }
        }
        if !chunk.isEmpty { output(chunk) }
    }
}
