/// Judges one `flows[i]` item: enough flows matched, each with the expected mode and answer.
struct FlowExpectationJudge: Sendable {
    var resolver: any NameResolver
    var describer: FlowDescriber

    func judge(
        _ expectation: FlowExpectation, id: String, from: ResolvedSelector?, to: ResolvedSelector?, flows: [ObservedFlow]
    ) -> ExpectationOutcome {
        let matched = flows.filter { flow in
            selects(expectation, from: from, to: to, flow)
        }
        let wrong = matched.filter { flow in
            (expectation.mode.map { flow.mode != $0 } ?? false) || (expectation.answered.map { flow.answered != $0 } ?? false)
        }
        var wanted: [String] = []
        if let mode = expectation.mode { wanted.append(mode) }
        if let answered = expectation.answered { wanted.append(answered ? "answered" : "unanswered") }
        let wantedText = wanted.joined(separator: " and ")
        var problems: [String] = []
        if matched.count < expectation.minimumFlows {
            var problem = matched.isEmpty
                ? "no flow matched (at least \(expectation.minimumFlows) expected)"
                : "\(matched.count) flows matched, at least \(expectation.minimumFlows) expected"
            let selectsNodeByAddress = [from, to].contains { selector in
                if case .node(_, nil)? = selector { return true }
                return false
            }
            if matched.isEmpty, selectsNodeByAddress {
                problem += "; a pod's node is known from tunnel headers or a --cluster file only"
            }
            problems.append(problem)
        }
        if !wrong.isEmpty {
            problems.append("\(wrong.count) of \(matched.count) flows were not \(wantedText)")
        }
        let summary: String
        if problems.isEmpty {
            summary = wantedText.isEmpty ? "\(matched.count) flows matched" : "\(matched.count) flows matched, all \(wantedText)"
        } else {
            summary = problems.joined(separator: "; ")
        }
        let evidence = (wrong.isEmpty ? matched : wrong).map(describer.describe)
        return ExpectationOutcome(
            id: id, title: expectation.title, passed: problems.isEmpty, summary: summary,
            evidence: ExpectationOutcome.capped(
                evidence, limit: problems.isEmpty ? ExpectationOutcome.passingEvidenceLimit : ExpectationOutcome.evidenceLimit),
            line: expectation.line)
    }

    /// Flows with a pod on some side, within the expectation's scope.
    func selects(_ expectation: FlowExpectation, from: ResolvedSelector?, to: ResolvedSelector?, _ flow: ObservedFlow) -> Bool {
        guard flow.involvesPod else { return false }
        if !expectation.includesLocal && flow.mode == "local" { return false }
        if let protocolName = expectation.protocolName, flow.protocolName != protocolName { return false }
        if let port = expectation.port, flow.server.port != port { return false }
        let clientIsPod = flow.kind == ObservedFlow.podToPod || flow.kind == "pod-to-host"
        let serverIsPod = flow.kind == ObservedFlow.podToPod || flow.kind == "host-to-pod"
        if let from {
            guard from.matches(flow.client, node: flow.clientNode, resolver: resolver) else { return false }
        } else if !clientIsPod {
            return false
        }
        if let to {
            guard to.matches(flow.server, node: flow.serverNode, resolver: resolver) else { return false }
        } else if !serverIsPod {
            return false
        }
        return true
    }
}
