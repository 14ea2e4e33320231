/// One thing calicap tells the user, from any layer: a damaged file, a flow nobody answered, a
/// pool whose carrier changed. Every report renders findings; the exit status is computed from
/// their scope and severity.
public struct Finding: Sendable, Hashable {
    public var code: FindingCode
    public var severity: FindingSeverity
    /// A short headline.
    public var title: String
    /// The full sentence, as the table and the JSON notes print it.
    public var detail: String
    /// The flows concerned.
    public var flows: [FlowReference]
    /// The nodes concerned (names where known, else addresses).
    public var nodes: [String]
    /// The capture points concerned (ids as in the report).
    public var capturePoints: [Int]
    /// The inputs concerned (file names, devices).
    public var sources: [String]
    public var evidence: [EvidenceItem]

    public init(
        _ code: FindingCode, severity: FindingSeverity, title: String, detail: String, flows: [FlowReference] = [],
        nodes: [String] = [], capturePoints: [Int] = [], sources: [String] = [], evidence: [EvidenceItem] = []
    ) {
        self.code = code
        self.severity = severity
        self.title = title
        self.detail = detail
        self.flows = flows
        self.nodes = nodes
        self.capturePoints = capturePoints
        self.sources = sources
        self.evidence = evidence
    }

    /// The stable name, as reports print it.
    public var id: String { code.rawValue }

    public var scope: FindingScope { code.scope }

    /// Whether this finding makes the report partial: a damaged input, not a traffic problem.
    public var makesReportPartial: Bool { scope == .input && severity >= .warning && code.losesInput }
}
