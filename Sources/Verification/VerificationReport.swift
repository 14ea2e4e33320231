/// The result of judging one capture against its expectations.
public struct VerificationReport: Sendable {
    /// The expectations file, or nil for the short forms alone.
    public var expectationsFile: String?
    public var sources: [String]
    public var outcomes: [ExpectationOutcome]
    public var flows: Int
    public var podToPodFlows: Int
    public var unansweredPodToPodFlows: Int
    /// Pod-to-pod flows by mode.
    public var podToPodModes: [String: Int]
    public var pool: ObservedPool
    public var findings: [String]
    public var warnings: [String]

    public var failures: [ExpectationOutcome] { outcomes.filter { !$0.passed } }
    public var passed: Bool { outcomes.allSatisfy(\.passed) }

    /// `direct 24, ipip 24`
    public var modeSummary: String {
        podToPodModes.isEmpty ? "none" : podToPodModes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }

    /// `expect.yaml:7`, or the id alone for the short forms.
    public func location(of outcome: ExpectationOutcome) -> String? {
        guard let expectationsFile else { return nil }
        return outcome.line.map { "\(expectationsFile):\($0)" } ?? expectationsFile
    }
}
