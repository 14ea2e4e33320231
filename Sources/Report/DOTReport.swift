import Analysis

/// `--format dot`: the node-pair graph for Graphviz (`dot -Tsvg`), nodes clustered by subnet,
/// contradictions and unanswered flows in red. Labels are quoted and escaped.
public enum DOTReport {
    public static func render(_ result: AnalysisResult) -> String {
        let graph = NodePairGraph(result)
        var output = "graph calicap {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n"
        for (group, title) in graph.groups.enumerated() {
            output += "  subgraph cluster_\(group) {\n    label=\"\(escape(title))\";\n"
            for node in graph.nodes where node.group == group {
                output += "    \(node.identifier) [label=\"\(escape(node.label))\"];\n"
            }
            output += "  }\n"
        }
        for edge in graph.edges {
            let colour = edge.alarming ? ", color=\"#dd0000\", fontcolor=\"#dd0000\", penwidth=2" : ""
            output += "  \(edge.from) -- \(edge.to) [label=\"\(escape(edge.label))\"\(colour)];\n"
        }
        return output + "}\n"
    }

    /// DOT strings: backslash and quote escaped, control characters as spaces.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            default: escaped += scalar.value < 0x20 || scalar.value == 0x7f ? " " : String(scalar)
            }
        }
        return escaped
    }
}
