import Calico
import Findings
import Flows
import Wire

/// Findings about pod flows nobody answered: where each was last seen (the capture point that
/// saw its packets last in time is the furthest along their path), grouped by node pair; and,
/// when the unanswered flows went Direct across a subnet boundary while Direct flows within a
/// subnet were answered, the classic cause: the underlay does not route pod addresses.
enum UnansweredFlowFindings {
    struct PairKey: Hashable {
        var client: IPAddress?
        var server: IPAddress?
    }

    static func findings(
        flows: [AnalyzedFlow], pool: PoolAssessment, capturePoints: [CapturePoint], captures: [CaptureSummary]
    ) -> [Finding] {
        // Positions in `flows`, never copies of them: a capture of a million unanswered flows
        // would otherwise hold each one twice more.
        let unanswered = flows.indices.filter {
            flows[$0].verdict.kind == .podToPod && !flows[$0].record.answered && flows[$0].record.packetsToServer > 0
                && flows[$0].verdict.mode != .local
        }
        guard !unanswered.isEmpty else { return [] }
        var groups: [PairKey: [Int]] = [:]
        var order: [PairKey] = []
        for position in unanswered {
            let key = PairKey(client: flows[position].verdict.clientNode, server: flows[position].verdict.serverNode)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(position)
        }
        var pointNames: [Int: String] = [:]
        var lastSeenCounts: [String: Int] = [:]
        var groupTexts: [String] = []
        for key in order {
            let group = groups[key] ?? []
            var places: [String: Int] = [:]
            for position in group {
                places[lastSeen(flows[position], capturePoints: capturePoints, captures: captures, names: &pointNames), default: 0] += 1
            }
            for (place, count) in places { lastSeenCounts[place, default: 0] += count }
            let pair = "\(key.client?.description ?? "?") > \(key.server?.description ?? "?")"
            let seen = places.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value))" }.joined(separator: ", ")
            groupTexts.append("\(pair): \(group.count), last seen at \(seen)")
        }
        var result = [
            Finding(
                .unansweredPodFlows, severity: .warning, title: "Pod flows not answered",
                detail: "\(unanswered.count) pod-to-pod flow\(unanswered.count == 1 ? "" : "s") got no answer: "
                    + groupTexts.joined(separator: "; "),
                flows: unanswered.map { FlowReference(flows[$0].record) },
                nodes: Array(Set(order.flatMap { [$0.client, $0.server].compactMap { $0?.description } })).sorted(),
                evidence: [
                    EvidenceItem("flows", .integer(unanswered.count)),
                    EvidenceItem("lastSeen", .texts(lastSeenCounts.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" })),
                ])
        ]
        if let unrouted = directAcrossSubnets(unanswered: unanswered, flows: flows, pool: pool) { result.append(unrouted) }
        return result
    }

    /// Unanswered Direct flows between nodes in different subnets, while Direct flows between
    /// nodes of one subnet were answered: the underlay (a router, a cloud VPC) does not route pod
    /// addresses. `unanswered`: positions in `flows`.
    static func directAcrossSubnets(unanswered: [Int], flows: [AnalyzedFlow], pool: PoolAssessment) -> Finding? {
        // Whether each judged node pair shares a subnet, looked up by the pair (either order).
        var subnetOfPair: [NodePair: Bool?] = [:]
        for pair in pool.nodePairs {
            let key = NodePair(pair.lower, pair.upper)
            if subnetOfPair[key] == nil { subnetOfPair[key] = pair.sameSubnet }
        }
        func sameSubnet(_ flow: AnalyzedFlow) -> Bool? {
            guard let client = flow.verdict.clientNode, let server = flow.verdict.serverNode else { return nil }
            return subnetOfPair[NodePair(client, server)] ?? nil
        }
        let across = unanswered.filter { flows[$0].verdict.mode == .direct && sameSubnet(flows[$0]) == false }
        guard !across.isEmpty else { return nil }
        let answeredWithin = flows.contains {
            $0.verdict.kind == .podToPod && $0.verdict.mode == .direct && $0.record.answered && sameSubnet($0) == true
        }
        guard answeredWithin else { return nil }
        return Finding(
            .directAcrossSubnetsUnrouted, severity: .error, title: "Direct pod traffic across subnets is not routed",
            detail: "\(across.count) Direct pod flow\(across.count == 1 ? "" : "s") between nodes in different subnets got no "
                + "answer while Direct flows within a subnet did: the network between the subnets does not route pod "
                + "addresses. Use CrossSubnet (ipipMode or vxlanMode), or give the router routes to the pod blocks (BGP "
                + "peering, cloud route tables).",
            flows: across.map { FlowReference(flows[$0].record) },
            nodes: Array(Set(across.flatMap { [flows[$0].verdict.clientNode, flows[$0].verdict.serverNode].compactMap { $0?.description } }))
                .sorted(),
            evidence: [EvidenceItem("flows", .integer(across.count))])
    }

    /// The capture point that saw the flow's packets last in time, named by its file and device.
    /// `names`: the points named so far (each named once, not once per flow).
    static func lastSeen(
        _ flow: AnalyzedFlow, capturePoints: [CapturePoint], captures: [CaptureSummary], names: inout [Int: String]
    ) -> String {
        guard let observation = flow.record.observations.max(by: { $0.firstSeen < $1.firstSeen }),
            capturePoints.indices.contains(observation.capturePoint)
        else { return "?" }
        if let name = names[observation.capturePoint] { return name }
        let name = pointName(observation.capturePoint, capturePoints: capturePoints, captures: captures)
        names[observation.capturePoint] = name
        return name
    }

    /// A capture point named by its file and device: `w1-eth0.pcap (eth0)`.
    static func pointName(_ index: Int, capturePoints: [CapturePoint], captures: [CaptureSummary]) -> String {
        guard capturePoints.indices.contains(index) else { return "?" }
        let point = capturePoints[index]
        let source = captures.indices.contains(point.captureIndex) ? captures[point.captureIndex].source : "?"
        let file = source.split(separator: "/").last.map(String.init) ?? source
        return point.interfaceName.map { "\(file) (\($0))" } ?? file
    }
}
