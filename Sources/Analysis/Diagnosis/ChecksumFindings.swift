import Calico
import Findings
import Flows
import Wire

/// VXLAN packets whose outer UDP checksum is wrong where they were captured, in flows that
/// retransmitted or went unanswered: the receiving kernel drops them (the checksum-offload
/// stall). Checksums left unfinished for the NIC (partial offload, the sender's own capture) are
/// counted apart and never blamed.
enum ChecksumFindings {
    static func findings(flows: [AnalyzedFlow], capturePoints: [CapturePoint], captures: [CaptureSummary]) -> [Finding] {
        var affected: [AnalyzedFlow] = []
        var wrong = 0
        var unfinished = 0
        var points = Set<Int>()
        var firstSeen = Int64.max
        var retransmissions = 0
        for flow in flows {
            let bad = flow.record.observations.filter { $0.wrongChecksums > 0 }
            unfinished += flow.record.observations.reduce(0) { $0 + $1.unfinishedChecksums }
            guard !bad.isEmpty else { continue }
            let suffered = flow.record.retransmissions > 0 || !flow.record.answered
            guard suffered else { continue }
            affected.append(flow)
            retransmissions += flow.record.retransmissions
            for observation in bad {
                wrong += observation.wrongChecksums
                points.insert(observation.capturePoint)
                firstSeen = min(firstSeen, observation.firstSeen)
            }
        }
        guard !affected.isEmpty else { return [] }
        let names = points.sorted().map { UnansweredFlowFindings.pointName($0, capturePoints: capturePoints, captures: captures) }
        return [
            Finding(
                .badOuterChecksum, severity: .error, title: "Wrong VXLAN outer checksums",
                detail: "\(wrong) VXLAN packet\(wrong == 1 ? "" : "s") with a wrong outer UDP checksum at "
                    + "\(names.joined(separator: ", ")), in \(affected.count) flow\(affected.count == 1 ? "" : "s") "
                    + "that retransmitted (\(retransmissions) segments) or got no answer: the receiving kernel drops "
                    + "them. The sender's checksum offload on the VXLAN device is broken: turn it off there (ethtool -K "
                    + "vxlan.calico tx-checksum-ip-generic off, or Felix's FeatureDetectOverride ChecksumOffloadBroken=true)",
                flows: affected.map { FlowReference($0.record) },
                nodes: Array(Set(affected.flatMap { [$0.verdict.clientNode, $0.verdict.serverNode].compactMap { $0?.description } })).sorted(),
                capturePoints: points.sorted(),
                evidence: [
                    EvidenceItem("packets", .integer(wrong)),
                    EvidenceItem("flows", .integer(affected.count)),
                    EvidenceItem("retransmissions", .integer(retransmissions)),
                    EvidenceItem("unfinishedChecksums", .integer(unfinished)),
                    EvidenceItem("capturePoints", .texts(names)),
                    EvidenceItem("firstSeen", .time(firstSeen)),
                ])
        ]
    }
}
