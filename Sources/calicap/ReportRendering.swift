import Analysis
import Report

/// The final report in the chosen format, the same for files and live captures.
enum ReportRendering {
    /// Writes the report piece by piece (JSON, JSONL and CSV are formatted one flow at a time).
    static func write(_ result: AnalysisResult, format: ReportFormat, numeric: Bool = false, to output: (String) -> Void) {
        switch format {
        case .table: output(TableReport.render(result, numeric: numeric))
        case .json: JSONReport.write(result, to: output)
        case .jsonl: JSONLinesReport.write(result, to: output)
        case .csv: CSVReport.write(result, to: output)
        case .mermaid: output(MermaidReport.render(result))
        case .dot: output(DOTReport.render(result))
        case .markdown: output(MarkdownReport.render(result))
        }
    }

    static func render(_ result: AnalysisResult, format: ReportFormat, numeric: Bool = false) -> String {
        switch format {
        case .table: TableReport.render(result, numeric: numeric)
        case .json: JSONReport.render(result)
        case .jsonl: JSONLinesReport.render(result)
        case .csv: CSVReport.render(result)
        case .mermaid: MermaidReport.render(result)
        case .dot: DOTReport.render(result)
        case .markdown: MarkdownReport.render(result)
        }
    }
}
