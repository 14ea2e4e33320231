import Findings
import Flows

/// What the classifier tells about one flow, as findings that name the flow.
enum FlowFindings {
    static func severalModes(_ flow: FlowRecord, modes: [String]) -> Finding {
        Finding(
            .severalModes, severity: .info, title: "Flow carried by several modes",
            detail: "carried by several modes: \(modes.joined(separator: ", "))", flows: [FlowReference(flow)],
            evidence: [EvidenceItem("modes", .texts(modes))])
    }

    static func notCalicoCarrier(_ flow: FlowRecord, carriers: [String]) -> Finding {
        Finding(
            .notCalicoCarrier, severity: .info, title: "Flow carried by a tunnel that is not Calico's",
            detail: "carried by \(carriers.joined(separator: ", ")), not a Calico encapsulation", flows: [FlowReference(flow)],
            evidence: [EvidenceItem("carriers", .texts(carriers))])
    }

    static func seenOnlyOnWorkloadVeth(_ flow: FlowRecord) -> Finding {
        Finding(
            .seenOnlyOnWorkloadVeth, severity: .info, title: "Flow seen only on a workload veth",
            detail: "seen only on a workload veth: the underlay path is not in the capture", flows: [FlowReference(flow)])
    }

    static let noReplyDetails = Dictionary(
        uniqueKeysWithValues: CalicoMode.allCases.map { ($0, "no reply through the \($0.rawValue) tunnel") })

    /// The findings that follow from the record and its mode alone, after the mode's own: no
    /// reply, then each ICMP error about the flow.
    static func ofRecord(_ flow: FlowRecord, mode: CalicoMode) -> [Finding] {
        var findings: [Finding] = []
        if !flow.answered && flow.packetsToServer > 0 {
            findings.append(noReply(flow, tunnel: mode == .ipip || mode == .vxlan ? mode : nil))
        }
        for error in flow.icmpErrors {
            findings.append(icmpError(flow, error))
        }
        return findings
    }

    static func noReply(_ flow: FlowRecord, tunnel: CalicoMode?) -> Finding {
        // One string per mode, shared by every unanswered flow (a million of them hold one copy).
        let detail = tunnel.flatMap { noReplyDetails[$0] } ?? "no reply seen"
        var evidence = [EvidenceItem("packetsToServer", .integer(flow.packetsToServer))]
        if let tunnel { evidence.append(EvidenceItem("tunnel", .text(tunnel.rawValue))) }
        return Finding(
            .noReply, severity: .warning, title: "Flow not answered", detail: detail, flows: [FlowReference(flow)],
            evidence: evidence)
    }

    static func icmpError(_ flow: FlowRecord, _ error: ICMPErrorNote) -> Finding {
        Finding(
            .icmpError, severity: .warning, title: "ICMP error about the flow",
            detail: "ICMP error type \(error.type) code \(error.code) from \(error.reporter) (\(error.count)×)",
            flows: [FlowReference(flow)], nodes: [error.reporter.description],
            evidence: [
                EvidenceItem("type", .integer(Int(error.type))), EvidenceItem("code", .integer(Int(error.code))),
                EvidenceItem("reporter", .text(error.reporter.description)), EvidenceItem("count", .integer(error.count)),
            ])
    }
}
