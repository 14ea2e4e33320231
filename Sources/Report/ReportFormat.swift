/// The output formats of `calicap analyze`.
public enum ReportFormat: String, Sendable, CaseIterable {
    case table
    case json
    case jsonl
    case csv
}
