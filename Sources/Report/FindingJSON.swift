import Analysis
import Findings

/// Findings as JSON: `{ id, severity, title, detail, flows, nodes, evidence }`, each flow in the
/// shape of `flows[]` (`protocol`, `client`, `server` with `ip` and `port`) so scripts can join.
enum FindingJSON {
    /// The report-wide findings: the inputs', the pool's and the cluster comparison's (a flow's
    /// own remarks stay in its `notes`).
    static func reportFindings(_ result: AnalysisResult) -> [Finding] {
        let all = result.findings + result.trafficFindings + result.pool.findings + (result.cluster?.findings ?? [])
        let order: [FindingSeverity] = [.error, .warning, .info]
        return order.flatMap { severity in all.filter { $0.severity == severity } }
    }

    static func finding(_ finding: Finding) -> JSONValue {
        .object([
            ("id", .string(finding.id)),
            ("severity", .string(finding.severity.rawValue)),
            ("title", .string(finding.title)),
            ("detail", .string(finding.detail)),
            ("flows", .array(finding.flows.map(flow))),
            ("nodes", .array(finding.nodes.map(JSONValue.string))),
            ("evidence", .object(finding.evidence.map { ($0.name, value($0.value)) })),
        ])
    }

    /// Appends the text `finding(finding).write(to:indent: 2, level:)` would, building its
    /// `flows` one at a time; `flush` is handed the output whenever it passes 64 KiB.
    static func write(
        _ finding: Finding, to output: inout [UInt8], level: Int, flush: (inout [UInt8]) -> Void
    ) {
        guard !finding.flows.isEmpty else {
            Self.finding(finding).write(to: &output, indent: 2, level: level)
            return
        }
        // The finding with an empty `flows`, cut where its flows go: `…"flows": ` | `[]` | `,…`.
        // (A quote inside a JSON string is escaped, so the marker only matches the member itself.)
        var shell: [UInt8] = []
        var emptied = finding
        emptied.flows = []
        Self.finding(emptied).write(to: &shell, indent: 2, level: level)
        guard let cut = shell.firstRange(of: Array("\"flows\": []".utf8)) else {
            Self.finding(finding).write(to: &output, indent: 2, level: level)
            return
        }
        output.append(contentsOf: shell[..<(cut.upperBound - 2)])
        JSONValue.appendArray(count: finding.flows.count, level: level + 1, to: &output, flush: flush) { index, bytes in
            flow(finding.flows[index]).write(to: &bytes, indent: 2, level: level + 2)
        }
        output.append(contentsOf: shell[cut.upperBound...])
    }

    static func flow(_ reference: FlowReference) -> JSONValue {
        .object([
            ("protocol", .string(reference.protocolNumber.name)),
            ("client", .object([("ip", .string(reference.clientAddress.description)), ("port", .int(Int(reference.clientPort)))])),
            ("server", .object([("ip", .string(reference.serverAddress.description)), ("port", .int(Int(reference.serverPort)))])),
        ])
    }

    static func value(_ value: EvidenceValue) -> JSONValue {
        switch value {
        case .integer(let number): .int(number)
        case .text(let text): .string(text)
        case .texts(let texts): .array(texts.map(JSONValue.string))
        case .flag(let flag): .bool(flag)
        case .time(let time): .string(TimestampText.iso8601(time))
        }
    }
}
