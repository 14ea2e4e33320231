/// Judges `require`: over the pod-to-pod flows and the findings of the whole capture.
struct RequirementJudge: Sendable {
    var describer: FlowDescriber

    func judge(_ requirements: Requirements, _ observation: Observation) -> [ExpectationOutcome] {
        let podToPod = observation.podToPodFlows
        var outcomes: [ExpectationOutcome] = []
        if let minimum = requirements.minimumPodFlows {
            outcomes.append(ExpectationOutcome(
                id: "require.minPodFlows", title: "at least \(minimum) pod-to-pod flows",
                passed: podToPod.count >= minimum,
                summary: "\(podToPod.count) pod-to-pod flows seen (at least \(minimum) expected)",
                line: requirements.minimumPodFlowsLine))
        }
        if let maximum = requirements.maximumUnanswered {
            let unanswered = podToPod.filter { !$0.answered }
            outcomes.append(ExpectationOutcome(
                id: "require.unanswered",
                title: maximum == 0 ? "no unanswered pod-to-pod flow" : "at most \(maximum) unanswered pod-to-pod flows",
                passed: unanswered.count <= maximum,
                summary: "\(unanswered.count) of \(podToPod.count) pod-to-pod flows unanswered (at most \(maximum) allowed)",
                evidence: ExpectationOutcome.capped(unanswered.map(describer.describe)),
                line: requirements.unansweredLine))
        }
        if !requirements.forbiddenModes.isEmpty {
            let forbidden = Set(requirements.forbiddenModes)
            let offending = podToPod.filter { forbidden.contains($0.mode) }
            let names = requirements.forbiddenModes.joined(separator: ", ")
            outcomes.append(ExpectationOutcome(
                id: "require.forbidModes", title: "no pod-to-pod flow in mode \(names)",
                passed: offending.isEmpty,
                summary: "\(offending.count) of \(podToPod.count) pod-to-pod flows in a forbidden mode (\(names))",
                evidence: ExpectationOutcome.capped(offending.map(describer.describe)),
                line: requirements.forbiddenModesLine))
        }
        if !requirements.forbiddenFindings.isEmpty {
            let offending = observation.findings.filter { id in
                requirements.forbiddenFindings.contains { FindingPattern.matches($0, id) }
            }
            let patterns = requirements.forbiddenFindings.joined(separator: ", ")
            outcomes.append(ExpectationOutcome(
                id: "require.findings.forbid", title: "no finding \(patterns)",
                passed: offending.isEmpty,
                summary: offending.isEmpty
                    ? "no forbidden finding (findings: \(observation.findings.isEmpty ? "none" : observation.findings.joined(separator: ", ")))"
                    : "forbidden findings present: \(offending.joined(separator: ", "))",
                evidence: ExpectationOutcome.capped(offending),
                line: requirements.forbiddenFindingsLine))
        }
        return outcomes
    }
}
