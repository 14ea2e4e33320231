import Analysis

/// `--format mermaid`: a `flowchart` of the nodes grouped by subnet, each edge a node pair with
/// its modes and flow counts; contradictions and unanswered flows in red. Renders on GitHub and
/// GitLab. Labels from captures or cluster files are quoted and escaped.
public enum MermaidReport {
    public static func render(_ result: AnalysisResult) -> String {
        let graph = NodePairGraph(result)
        var output = "flowchart LR\n"
        for (group, title) in graph.groups.enumerated() {
            output += "  subgraph s\(group)[\"\(escape(title))\"]\n"
            for node in graph.nodes where node.group == group {
                output += "    \(node.identifier)[\"\(escape(node.label))\"]\n"
            }
            output += "  end\n"
        }
        var alarming: [Int] = []
        for (index, edge) in graph.edges.enumerated() {
            output += "  \(edge.from) ---|\"\(escape(edge.label))\"| \(edge.to)\n"
            if edge.alarming { alarming.append(index) }
        }
        if !alarming.isEmpty {
            output += "  linkStyle \(alarming.map(String.init).joined(separator: ",")) stroke:#d00,stroke-width:2px,color:#d00\n"
        }
        return output
    }

    /// Mermaid labels are quoted: a quote becomes `#quot;`, and characters Mermaid or Markdown
    /// would read (`<`, `>`, `#`, `|`, backticks, control characters) become entity codes.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "#quot;"
            case "#": escaped += "#35;"
            case "<": escaped += "#lt;"
            case ">": escaped += "#gt;"
            case "|": escaped += "#124;"
            case "`": escaped += "#96;"
            default:
                escaped += scalar.value < 0x20 || scalar.value == 0x7f ? " " : String(scalar)
            }
        }
        return escaped
    }
}
