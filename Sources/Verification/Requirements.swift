/// `require`: conditions on the capture as a whole. Each is judged over pod-to-pod flows.
public struct Requirements: Sendable, Hashable {
    public var minimumPodFlows: Int?
    public var minimumPodFlowsLine: Int?
    /// At most this many unanswered pod-to-pod flows (`none` is 0).
    public var maximumUnanswered: Int?
    public var unansweredLine: Int?
    public var forbiddenModes: [String]
    public var forbiddenModesLine: Int?
    /// Finding id patterns; `*` matches any run of characters (`mtu-*`).
    public var forbiddenFindings: [String]
    public var forbiddenFindingsLine: Int?

    public init(
        minimumPodFlows: Int? = nil, maximumUnanswered: Int? = nil, forbiddenModes: [String] = [],
        forbiddenFindings: [String] = []
    ) {
        self.minimumPodFlows = minimumPodFlows
        self.maximumUnanswered = maximumUnanswered
        self.forbiddenModes = forbiddenModes
        self.forbiddenFindings = forbiddenFindings
    }
}
