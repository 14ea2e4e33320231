/// The human report: each expectation PASS or FAIL with the numbers and flows behind it.
public enum TextVerdictRenderer {
    public static func render(_ report: VerificationReport) -> String {
        let safe = PlainText.safe
        var text = "calicap verify: "
        text += report.expectationsFile.map { safe($0) + " against " } ?? ""
        text += report.sources.map(safe).joined(separator: ", ") + "\n"
        text += "  \(report.flows) flows, \(report.podToPodFlows) pod-to-pod (\(report.modeSummary)), "
        text += "\(report.unansweredPodToPodFlows) unanswered; pool \(safe(report.pool.summary))"
        text += report.findings.isEmpty ? "\n" : "; findings: \(report.findings.map(safe).joined(separator: ", "))\n"
        for outcome in report.outcomes {
            text += outcome.passed ? "PASS  " : "FAIL  "
            text += "\(outcome.id)  \(safe(outcome.title))"
            if let location = report.location(of: outcome) { text += "  (\(safe(location)))" }
            text += "\n      \(safe(outcome.summary))\n"
            for line in outcome.evidence { text += "        \(safe(line))\n" }
        }
        let failed = report.failures.count
        text += failed == 0
            ? "Result: PASS, \(report.outcomes.count) of \(report.outcomes.count) expectations hold\n"
            : "Result: FAIL, \(failed) of \(report.outcomes.count) expectations failed\n"
        return text
    }
}
