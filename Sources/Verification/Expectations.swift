/// What a capture must show: the whole expectations file, or the command-line short forms.
public struct Expectations: Sendable, Hashable {
    /// The file it came from, for messages and annotations (nil for the short forms alone).
    public var file: String?
    public var pool: PoolExpectation?
    public var flows: [FlowExpectation]
    public var requirements: Requirements

    public init(file: String? = nil, pool: PoolExpectation? = nil, flows: [FlowExpectation] = [], requirements: Requirements = Requirements()) {
        self.file = file
        self.pool = pool
        self.flows = flows
        self.requirements = requirements
    }

    /// Whether there is anything to judge.
    public var isEmpty: Bool {
        (pool?.settings.isEmpty ?? true) && flows.isEmpty && requirements.minimumPodFlows == nil
            && requirements.maximumUnanswered == nil && requirements.forbiddenModes.isEmpty
            && requirements.forbiddenFindings.isEmpty
    }
}
