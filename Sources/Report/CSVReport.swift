import Analysis
import Calico

/// `--format csv`: one flow per row, with the first (main) carrier's tunnel endpoints.
public enum CSVReport {
    public static let header = [
        "protocol", "client_ip", "client_port", "server_ip", "server_port", "kind", "mode",
        "outer_source", "outer_destination", "vni", "packets_to_server", "packets_to_client",
        "bytes_to_server", "bytes_to_client", "first_seen", "last_seen", "answered", "carriers",
        "client_pod", "client_node", "server_pod", "server_node", "outcome",
    ]

    public static func render(_ result: AnalysisResult) -> String {
        var text = ""
        write(result) { text += $0 }
        return text
    }

    /// Writes the rows in chunks of about 64 KiB.
    public static func write(_ result: AnalysisResult, to write: (String) -> Void) {
        let names = result.cluster
        var output = header.joined(separator: ",") + "\n"
        for flow in result.flows {
            let record = flow.record
            let main = flow.verdict.carriers.max { $0.packets < $1.packets }
            let fields: [String] = [
                record.key.protocolNumber.name,
                record.client.address.description, String(record.client.port),
                record.server.address.description, String(record.server.port),
                flow.verdict.kind.rawValue, flow.verdict.mode.rawValue,
                main?.outerSource?.description ?? "", main?.outerDestination?.description ?? "",
                main?.networkIdentifier.map { String($0) } ?? "",
                String(record.packetsToServer), String(record.packetsToClient),
                String(record.bytesToServer), String(record.bytesToClient),
                TimestampText.iso8601(record.firstSeen), TimestampText.iso8601(record.lastSeen),
                record.answered ? "true" : "false",
                flow.verdict.carriers.map(\.mode.rawValue).joined(separator: ";"),
                names?.podName(at: record.client.address) ?? "",
                names?.nodeName(
                    ofEnd: record.client.address, nodeAddress: flow.verdict.clientNode,
                    sideMACs: flow.verdict.carriers.compactMap(\.clientSideMAC)) ?? "",
                names?.podName(at: record.server.address) ?? "",
                names?.nodeName(
                    ofEnd: record.server.address, nodeAddress: flow.verdict.serverNode,
                    sideMACs: flow.verdict.carriers.compactMap(\.serverSideMAC)) ?? "",
                flow.verdict.outcome.rawValue,
            ]
            output += fields.map(escape).joined(separator: ",") + "\n"
            if output.utf8.count >= 1 << 16 {
                write(output)
                output = ""
            }
        }
        if !output.isEmpty { write(output) }
    }

    /// RFC 4180 quoting; a leading `=`, `+`, `-` or `@` is prefixed with `'` so that a
    /// spreadsheet never evaluates text from a capture as a formula.
    static func escape(_ field: String) -> String {
        var value = field
        if let first = value.first, "=+-@".contains(first), Double(value) == nil {
            value = "'" + value
        }
        if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + value.replacing("\"", with: "\"\"") + "\""
        }
        return value
    }
}
