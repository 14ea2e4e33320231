import Analysis
import Report

/// The final report in the chosen format, the same for files and live captures.
enum ReportRendering {
    static func render(_ result: AnalysisResult, format: ReportFormat) -> String {
        switch format {
        case .table: TableReport.render(result)
        case .json: JSONReport.render(result)
        case .jsonl: JSONLinesReport.render(result)
        case .csv: CSVReport.render(result)
        }
    }
}
