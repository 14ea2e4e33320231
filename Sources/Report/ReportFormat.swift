/// The output formats of `calicap analyze`.
public enum ReportFormat: String, Sendable, CaseIterable {
    case table
    case json
    case jsonl
    case csv
    /// A Mermaid flowchart of the node pairs (GitHub and GitLab render it).
    case mermaid
    /// The same graph for Graphviz.
    case dot
    /// A report for people and CI job summaries: pool verdict, node pairs, findings, the Mermaid picture.
    case markdown
}
