/// The verdict on one expectation, with the numbers and flows behind it.
public struct ExpectationOutcome: Sendable, Hashable {
    /// Stable: `pool.ipipMode`, `flows[0]`, `require.minPodFlows`, `require.unanswered`,
    /// `require.forbidModes`, `require.findings.forbid`.
    public var id: String
    /// What was expected, in words.
    public var title: String
    public var passed: Bool
    /// The numbers behind the verdict, one line.
    public var summary: String
    /// The flows (or findings) behind it, one per line; at most `evidenceLimit`, then a count.
    public var evidence: [String]
    /// The line in the expectations file; nil for the short forms.
    public var line: Int?

    public init(id: String, title: String, passed: Bool, summary: String, evidence: [String] = [], line: Int? = nil) {
        self.id = id
        self.title = title
        self.passed = passed
        self.summary = summary
        self.evidence = evidence
        self.line = line
    }

    public static let evidenceLimit = 20
    /// A passing expectation shows a few of its flows only.
    public static let passingEvidenceLimit = 5

    /// Caps a list of evidence lines, saying how many were left out.
    static func capped(_ lines: [String], limit: Int = evidenceLimit) -> [String] {
        guard lines.count > limit else { return lines }
        return Array(lines.prefix(limit)) + ["… and \(lines.count - limit) more"]
    }
}
