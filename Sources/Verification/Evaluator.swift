/// Judges an observation against expectations: one outcome per expectation, in file order
/// (pool, flows, require).
public struct Evaluator: Sendable {
    public var resolver: any NameResolver

    public init(resolver: any NameResolver = NoClusterContext()) {
        self.resolver = resolver
    }

    /// Fails (before judging anything) when a selector cannot be resolved.
    public func evaluate(_ expectations: Expectations, against observation: Observation) throws(SelectorResolutionError) -> VerificationReport {
        let resolved = try resolveSelectors(expectations)
        var outcomes: [ExpectationOutcome] = []
        if let pool = expectations.pool {
            for setting in pool.settings {
                outcomes.append(poolOutcome(setting.field, setting.value, line: setting.line, observation.pool))
            }
        }
        let describer = FlowDescriber(resolver: resolver)
        let flowJudge = FlowExpectationJudge(resolver: resolver, describer: describer)
        for (index, expectation) in expectations.flows.enumerated() {
            outcomes.append(flowJudge.judge(
                expectation, id: "flows[\(index)]", from: resolved[index].from, to: resolved[index].to, flows: observation.flows))
        }
        outcomes += RequirementJudge(describer: describer).judge(expectations.requirements, observation)
        let podToPod = observation.podToPodFlows
        return VerificationReport(
            expectationsFile: expectations.file, sources: observation.sources, outcomes: outcomes,
            flows: observation.flows.count, podToPodFlows: podToPod.count,
            unansweredPodToPodFlows: podToPod.filter { !$0.answered }.count,
            podToPodModes: podToPod.reduce(into: [:]) { $0[$1.mode, default: 0] += 1 },
            pool: observation.pool, findings: observation.findings, warnings: observation.warnings)
    }

    /// Resolves every selector; call it before a live capture so a name that cannot be resolved
    /// stops the run at once.
    public func checkSelectors(_ expectations: Expectations) throws(SelectorResolutionError) {
        _ = try resolveSelectors(expectations)
    }

    func resolveSelectors(_ expectations: Expectations) throws(SelectorResolutionError) -> [(from: ResolvedSelector?, to: ResolvedSelector?)] {
        let file = expectations.file ?? "command line"
        var resolved: [(from: ResolvedSelector?, to: ResolvedSelector?)] = []
        for expectation in expectations.flows {
            var from: ResolvedSelector?
            var to: ResolvedSelector?
            if let selector = expectation.from {
                from = try ResolvedSelector.resolve(selector, resolver: resolver, file: file, line: expectation.line)
            }
            if let selector = expectation.to {
                to = try ResolvedSelector.resolve(selector, resolver: resolver, file: file, line: expectation.line)
            }
            resolved.append((from, to))
        }
        return resolved
    }

    func poolOutcome(_ field: PoolField, _ expected: PoolModeSetting, line: Int?, _ pool: ObservedPool) -> ExpectationOutcome {
        let id = "pool.\(field.rawValue)"
        let title = "\(field.rawValue) \(expected.rawValue)"
        guard let observed = pool.setting(field) else {
            let reason = pool.undecidedReason ?? "pool behaviour \(pool.summary)"
            return ExpectationOutcome(
                id: id, title: title, passed: false,
                summary: "the capture cannot tell \(field.rawValue): \(reason)", line: line)
        }
        let passed = observed == expected
        return ExpectationOutcome(
            id: id, title: title, passed: passed,
            summary: "observed \(field.rawValue) \(observed.rawValue) (pool behaviour \(pool.summary))", line: line)
    }
}
