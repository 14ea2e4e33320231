import Analysis
import Calico

/// `--format csv`: one flow per row, with every field a `--format json` flow has. The main
/// carrier's tunnel endpoints come first (`outer_source` …); then, at the end, every carrier's
/// fields as lists parallel to `carriers` (`;` between carriers). Columns are only ever added
/// at the end, so scripts that read them by position keep working.
public enum CSVReport {
    public static let header = [
        "protocol", "client_ip", "client_port", "server_ip", "server_port", "kind", "mode",
        "outer_source", "outer_destination", "vni", "packets_to_server", "packets_to_client",
        "bytes_to_server", "bytes_to_client", "first_seen", "last_seen", "answered", "carriers",
        "client_pod", "client_node", "server_pod", "server_node", "outcome",
        "client_node_address", "server_node_address", "tcp_flags_from_client", "tcp_flags_from_server",
        "notes", "seen_at", "carrier_packets", "carrier_outer_sources", "carrier_outer_destinations",
        "carrier_vnis", "carrier_ports", "carrier_first_seen", "carrier_last_seen", "carrier_capture_points",
        "carrier_source_nodes", "carrier_destination_nodes", "carrier_detected_by_header",
        "carrier_calico_vtep_macs", "overlay", "carrier_overlays",
    ]

    public static func render(_ result: AnalysisResult) -> String {
        var text = ""
        write(result) { text += $0 }
        return text
    }

    /// Writes the rows in chunks of about 64 KiB.
    public static func write(_ result: AnalysisResult, to write: (String) -> Void) {
        let names = result.cluster
        let captureNames = CaptureNames(result)
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
                flow.verdict.clientNode?.description ?? "", flow.verdict.serverNode?.description ?? "",
                record.key.protocolNumber == .tcp ? record.tcpFlagsFromClient.description : "",
                record.key.protocolNumber == .tcp ? record.tcpFlagsFromServer.description : "",
                flow.notes.joined(separator: "; "),
                TerminalText.safe(captureNames.seenAt(flow).joined(separator: ";")),
            ] + carrierColumns(flow.verdict.carriers, names: names) + [
                flow.verdict.overlay?.rawValue ?? "",
                flow.verdict.carriers.map { $0.overlay?.rawValue ?? "" }.joined(separator: ";"),
            ]
            output += fields.map(escape).joined(separator: ",") + "\n"
            if output.utf8.count >= 1 << 16 {
                write(output)
                output = ""
            }
        }
        if !output.isEmpty { write(output) }
    }

    /// Each carrier's fields, one column per field, carriers separated by `;` (capture point
    /// ids, as in JSON, by a space); an absent value is empty between its separators.
    static func carrierColumns(_ carriers: [ResolvedCarrier], names: ClusterReading?) -> [String] {
        func column(_ value: (ResolvedCarrier) -> String) -> String { carriers.map(value).joined(separator: ";") }
        return [
            column { String($0.packets) },
            column { $0.outerSource?.description ?? "" },
            column { $0.outerDestination?.description ?? "" },
            column { $0.networkIdentifier.map { String($0) } ?? "" },
            column { $0.port.map { String($0) } ?? "" },
            column { TimestampText.iso8601($0.firstSeen) },
            column { TimestampText.iso8601($0.lastSeen) },
            column { $0.capturePoints.map(String.init).joined(separator: " ") },
            column { carrier in
                carrier.outerSource.flatMap { names?.nodeName(at: $0) }
                    ?? carrier.clientSideMAC.flatMap { names?.nodeName(withVTEP: $0) } ?? ""
            },
            column { carrier in
                carrier.outerDestination.flatMap { names?.nodeName(at: $0) }
                    ?? carrier.serverSideMAC.flatMap { names?.nodeName(withVTEP: $0) } ?? ""
            },
            column { $0.detectedByHeader ? "true" : "false" },
            column { $0.calicoVTEPMACs ? "true" : "false" },
        ]
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
