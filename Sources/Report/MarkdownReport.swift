import Analysis
import Calico
import Findings

/// `--format markdown`: a report for people and CI job summaries (`$GITHUB_STEP_SUMMARY`, GitLab
/// Markdown): the pool verdict, the node-pair table, the findings worst first, the Mermaid
/// picture and the captures read. Every name from a capture or a cluster file is escaped.
public enum MarkdownReport {
    public static func render(_ result: AnalysisResult) -> String {
        var output = "## calicap\n\n"
        output += "**Pool: \(MarkdownEscaping.escape(poolVerdict(result.pool)))**"
        output += " · \(result.flows.count) flow\(result.flows.count == 1 ? "" : "s"), \(result.packets) packets"
        let modes = result.modeCounts.sorted { ($1.value, $0.key.rawValue) < ($0.value, $1.key.rawValue) }
        if !modes.isEmpty { output += " · " + modes.map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", ") }
        output += "\n"
        if let agrees = result.cluster?.agrees {
            output += "\n" + (agrees ? "The capture agrees with the configured pools." : "**The capture contradicts the configured pools.**") + "\n"
        }
        output += nodePairs(result)
        output += findings(result)
        if !result.pool.nodePairs.isEmpty {
            output += "\n### Picture\n\n```mermaid\n" + MermaidReport.render(result) + "```\n"
        }
        output += "\n### Captures\n\n| source | interface | packets |\n|---|---|---:|\n"
        for capture in result.captures {
            let interface = (capture.interface ?? "?") + (capture.interfaceAssumed ? " (assumed)" : "")
            output += "| \(MarkdownEscaping.escape(capture.source)) | \(MarkdownEscaping.escape(interface)) | \(capture.packets) |\n"
        }
        return output
    }

    /// `CrossSubnet (ipip), node subnets between /20 and /30`, or the look-alikes it cannot tell apart.
    static func poolVerdict(_ pool: PoolAssessment) -> String {
        var text = pool.possibleBehaviours.isEmpty
            ? pool.behaviour.rawValue : pool.possibleBehaviours.map(\.rawValue).joined(separator: " or ")
        if let encapsulation = pool.encapsulation { text += " (\(encapsulation.rawValue))" }
        if let range = pool.subnetPrefixLengths {
            text += range.lowerBound == range.upperBound
                ? ", node subnets /\(range.lowerBound)" : ", node subnets between /\(range.lowerBound) and /\(range.upperBound)"
        }
        return text
    }

    static func nodePairs(_ result: AnalysisResult) -> String {
        let pairs = result.pool.nodePairs
        guard !pairs.isEmpty else { return "\nNo pod flow between nodes.\n" }
        let cluster = result.cluster
        var output = "\n### Node pairs\n\n| nodes | subnet | modes | pod flows | unanswered |"
        output += cluster == nil ? "\n|---|---|---|---:|---:|\n" : " expected | agrees |\n|---|---|---|---:|---:|---|---|\n"
        var unanswered: [[String]: Int] = [:]
        for flow in result.flows where flow.verdict.kind == .podToPod && !flow.record.answered {
            guard let client = flow.verdict.clientNode, let server = flow.verdict.serverNode else { continue }
            unanswered[[min(client, server), max(client, server)].map(\.description), default: 0] += 1
        }
        for (index, pair) in pairs.enumerated() {
            let expectation = cluster.flatMap { $0.pairs.indices.contains(index) ? $0.pairs[index] : nil }
            let lower = name(expectation?.lowerNode, pair.lower.description)
            let upper = name(expectation?.upperNode, pair.upper.description)
            let subnet = pair.sameSubnet.map { $0 ? "same" : "across" } ?? "?"
            let modes = pair.modes.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value)" }
            let count = pair.modes.values.reduce(0, +)
            let lost = unanswered[[pair.lower.description, pair.upper.description]] ?? 0
            output += "| \(lower) ↔ \(upper) | \(subnet) | \(modes.joined(separator: ", ")) | \(count) | \(lost == 0 ? "0" : "**\(lost)**") |"
            if cluster != nil {
                let expected = Array(Set(expectation?.expected.map(\.carrier) ?? [])).sorted().joined(separator: ", ")
                let agrees = expectation?.agrees.map { $0 ? "yes" : "**no**" } ?? "–"
                output += " \(expected.isEmpty ? "–" : MarkdownEscaping.escape(expected)) | \(agrees) |"
            }
            output += "\n"
        }
        return output
    }

    /// `w1 (192.168.10.101)` where the files name the node, else the address.
    static func name(_ node: String?, _ address: String) -> String {
        node.map { "\(MarkdownEscaping.escape($0)) (\(address))" } ?? address
    }

    static func findings(_ result: AnalysisResult) -> String {
        let findings = FindingJSON.reportFindings(result)
        guard !findings.isEmpty else { return "\n### Findings\n\nNone.\n" }
        var output = "\n### Findings\n\n"
        for finding in findings {
            let severity = finding.severity == .info ? "info" : "**\(finding.severity.rawValue.uppercased())**"
            output += "- \(severity) `\(finding.id)`: \(MarkdownEscaping.escape(finding.detail))\n"
            if !finding.evidence.isEmpty {
                let items = finding.evidence.map { "\($0.name) \(MarkdownEscaping.escape(text($0.value)))" }
                output += "  <br>evidence: \(items.joined(separator: ", "))\n"
            }
        }
        return output
    }

    static func text(_ value: EvidenceValue) -> String {
        switch value {
        case .integer(let number): "\(number)"
        case .text(let text): text
        case .texts(let texts): texts.joined(separator: "; ")
        case .flag(let flag): flag ? "yes" : "no"
        case .time(let time): TimestampText.iso8601(time)
        }
    }
}
