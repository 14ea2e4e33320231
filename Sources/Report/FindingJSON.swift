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
