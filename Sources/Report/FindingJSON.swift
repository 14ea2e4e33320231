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
        var shell = Self.finding(finding)
        guard !finding.flows.isEmpty, case .object(var members) = shell,
            let flowsMember = members.firstIndex(where: { $0.0 == "flows" })
        else {
            shell.write(to: &output, indent: 2, level: level)
            return
        }
        // The object with an empty `flows`, cut where the flows go: `"flows": [` | `]`.
        members[flowsMember].1 = .array([])
        shell = .object(members)
        var text: [UInt8] = []
        shell.write(to: &text, indent: 2, level: level)
        let marker = Array("\"flows\": []".utf8)
        guard let cut = Self.firstRange(of: marker, in: text) else {
            Self.finding(finding).write(to: &output, indent: 2, level: level)
            return
        }
        output.append(contentsOf: text[..<(cut + marker.count - 1)])
        let elementIndent = String(repeating: " ", count: 2 * (level + 2))
        for (index, reference) in finding.flows.enumerated() {
            output.append(contentsOf: ((index == 0 ? "\n" : ",\n") + elementIndent).utf8)
            flow(reference).write(to: &output, indent: 2, level: level + 2)
            if output.count >= 1 << 16 { flush(&output) }
        }
        output.append(contentsOf: ("\n" + String(repeating: " ", count: 2 * (level + 1))).utf8)
        output.append(contentsOf: text[(cut + marker.count - 1)...])
    }

    /// Where `pattern` first occurs in `bytes`.
    static func firstRange(of pattern: [UInt8], in bytes: [UInt8]) -> Int? {
        guard pattern.count <= bytes.count else { return nil }
        for start in 0...(bytes.count - pattern.count) where bytes[start] == pattern[0] {
            if bytes[start..<(start + pattern.count)].elementsEqual(pattern) { return start }
        }
        return nil
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
