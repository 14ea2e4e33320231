/// The command-line short forms (`--expect-mode`, `--expect-pool`, `--min-pod-flows`,
/// `--no-unanswered`), added to (or standing in for) an expectations file.
public struct ShortFormExpectations: Sendable, Hashable {
    public var mode: String?
    /// `ipipMode=CrossSubnet[,vxlanMode=Never]`
    public var pool: String?
    public var minimumPodFlows: Int?
    public var noUnanswered: Bool

    public init(mode: String? = nil, pool: String? = nil, minimumPodFlows: Int? = nil, noUnanswered: Bool = false) {
        self.mode = mode
        self.pool = pool
        self.minimumPodFlows = minimumPodFlows
        self.noUnanswered = noUnanswered
    }

    public var isEmpty: Bool { mode == nil && pool == nil && minimumPodFlows == nil && !noUnanswered }

    /// The expectations with the short forms applied; a short form replaces the same setting of
    /// the file. Errors name the option.
    public func applied(to base: Expectations) throws(ExpectationsError) -> Expectations {
        var result = base
        if let mode {
            guard FlowMode.isValid(mode) else {
                throw ExpectationsError(file: "--expect-mode", line: nil, reason: "'\(mode)' is not a mode (\(FlowMode.all.joined(separator: ", ")))")
            }
            // Every pod-to-pod flow between nodes (same-node flows are `local` whatever the pool).
            result.flows.append(FlowExpectation(mode: mode, includesLocal: mode == "local"))
        }
        if let pool {
            result.pool = try Self.parsePool(pool, into: result.pool ?? PoolExpectation())
        }
        if let minimumPodFlows {
            guard minimumPodFlows >= 1 else {
                throw ExpectationsError(file: "--min-pod-flows", line: nil, reason: "must be at least 1")
            }
            result.requirements.minimumPodFlows = minimumPodFlows
            result.requirements.minimumPodFlowsLine = nil
        }
        if noUnanswered {
            result.requirements.maximumUnanswered = 0
            result.requirements.unansweredLine = nil
        }
        return result
    }

    static func parsePool(_ text: String, into base: PoolExpectation) throws(ExpectationsError) -> PoolExpectation {
        var pool = base
        let values = PoolModeSetting.allCases.map(\.rawValue).joined(separator: ", ")
        for part in text.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces }
            guard pair.count == 2, let field = PoolField(rawValue: pair[0]) else {
                throw ExpectationsError(
                    file: "--expect-pool", line: nil,
                    reason: "'\(part)' is not ipipMode=VALUE or vxlanMode=VALUE (e.g. ipipMode=CrossSubnet,vxlanMode=Never)")
            }
            guard let value = PoolModeSetting(rawValue: pair[1]) else {
                throw ExpectationsError(file: "--expect-pool", line: nil, reason: "\(field.rawValue) must be one of \(values), not '\(pair[1])'")
            }
            switch field {
            case .ipipMode:
                pool.ipipMode = value
                pool.ipipLine = nil
            case .vxlanMode:
                pool.vxlanMode = value
                pool.vxlanLine = nil
            }
        }
        guard !pool.settings.isEmpty else {
            throw ExpectationsError(file: "--expect-pool", line: nil, reason: "give ipipMode=VALUE and/or vxlanMode=VALUE")
        }
        return pool
    }
}
