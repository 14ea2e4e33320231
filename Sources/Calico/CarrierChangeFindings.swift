import Findings
import Flows
import Wire

/// `carrier-changed`, one finding per node pair whose carrier changed during the capture: the
/// carrier before and after, when the old one was last seen and the new one first, and the flows
/// on each side of the change.
enum CarrierChangeFindings {
    struct Span {
        var first: Int64
        var last: Int64
        var flows: [FlowReference] = []
    }

    /// `positions`: the flows of `flows` to look at.
    static func findings(in flows: [AnalyzedFlow], at positions: [Int]) -> [Finding] {
        var spansByPair: [NodePair: [CalicoMode: Span]] = [:]
        for position in positions {
            let flow = flows[position]
            let a = flow.verdict.clientNode ?? flow.record.client.address
            let b = flow.verdict.serverNode ?? flow.record.server.address
            let pair = NodePair(a, b)
            for carrier in flow.verdict.carriers where carrier.mode.flowMode != .unknown {
                let mode = carrier.mode.flowMode
                var span = spansByPair[pair]?[mode] ?? Span(first: carrier.firstSeen, last: carrier.lastSeen)
                span.first = min(span.first, carrier.firstSeen)
                span.last = max(span.last, carrier.lastSeen)
                let reference = FlowReference(flow.record)
                if span.flows.last != reference { span.flows.append(reference) }
                spansByPair[pair, default: [:]][mode] = span
            }
        }
        var findings: [(at: Int64, finding: Finding)] = []
        for (pair, spans) in spansByPair where spans.count >= 2 {
            let ordered = spans.sorted { $0.value.first < $1.value.first }
            for index in 1..<ordered.count where ordered[index - 1].value.last < ordered[index].value.first {
                let before = ordered[index - 1]
                let after = ordered[index]
                let nodes = [pair.lower.description, pair.upper.description]
                findings.append(
                    (
                        after.value.first,
                        Finding(
                            .carrierChanged, severity: .warning, title: "Carrier changed during the capture",
                            detail: "carrier changed from \(before.key.rawValue) to \(after.key.rawValue) between "
                                + "\(nodes[0]) and \(nodes[1]): \(before.value.flows.count) "
                                + "flow\(before.value.flows.count == 1 ? "" : "s") before, \(after.value.flows.count) after; "
                                + "the last \(before.key.rawValue) packet \(gapText(after.value.first - before.value.last)) "
                                + "before the first \(after.key.rawValue) one",
                            flows: before.value.flows + after.value.flows, nodes: nodes,
                            evidence: [
                                EvidenceItem("from", .text(before.key.rawValue)),
                                EvidenceItem("to", .text(after.key.rawValue)),
                                EvidenceItem("at", .time(after.value.first)),
                                EvidenceItem("lastBefore", .time(before.value.last)),
                                EvidenceItem("flowsBefore", .integer(before.value.flows.count)),
                                EvidenceItem("flowsAfter", .integer(after.value.flows.count)),
                            ])))
            }
        }
        return findings.sorted { ($0.at, $0.finding.detail) < ($1.at, $1.finding.detail) }.map(\.finding)
    }

    /// `12.345 ms`, `2.1 s`: a gap between two packets.
    static func gapText(_ nanoseconds: Int64) -> String {
        let micro = nanoseconds / 1000
        if micro < 1_000_000 { return "\(micro / 1000).\(String(micro % 1000).leftPadded(3)) ms" }
        return "\(micro / 1_000_000).\(String(micro % 1_000_000 / 1000).leftPadded(3)) s"
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
