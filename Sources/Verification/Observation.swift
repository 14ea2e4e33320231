/// Everything verification judges: the flows, the pool, the findings, from one analysis.
public struct Observation: Sendable {
    /// The capture files (or the live devices) behind it.
    public var sources: [String]
    public var flows: [ObservedFlow]
    public var pool: ObservedPool
    /// Stable kebab-case finding ids (`mtu-fragmentation-needed`, `truncated-ipv4`, …), each once.
    public var findings: [String]
    /// Problems with the inputs (damaged files); they do not stop the verdict.
    public var warnings: [String]

    public init(
        sources: [String], flows: [ObservedFlow], pool: ObservedPool, findings: [String] = [], warnings: [String] = []
    ) {
        self.sources = sources
        self.flows = flows
        self.pool = pool
        self.findings = findings
        self.warnings = warnings
    }

    public var podToPodFlows: [ObservedFlow] { flows.filter(\.isPodToPod) }
    /// Whether there is pod traffic to judge at all.
    public var hasPodTraffic: Bool { flows.contains(where: \.involvesPod) }
}
