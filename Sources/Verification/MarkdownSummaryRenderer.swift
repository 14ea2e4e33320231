/// A Markdown summary for `$GITHUB_STEP_SUMMARY` (also readable in GitLab and as a file).
public enum MarkdownSummaryRenderer {
    public static func render(_ report: VerificationReport) -> String {
        let escape = MarkdownText.escape
        let failed = report.failures.count
        let total = report.outcomes.count
        var text = "### calicap verify: " + (failed == 0 ? "PASS" : "FAIL") + "\n\n"
        text += failed == 0 ? "\(total) of \(total) expectations hold" : "\(failed) of \(total) expectations failed"
        text += " · captures: \(report.sources.map(escape).joined(separator: ", "))"
        text += " · \(report.podToPodFlows) pod\\-to\\-pod flows (\(escape(report.modeSummary)))"
        text += " · pool \(escape(report.pool.summary))\n\n"
        text += "| result | expectation | evidence |\n|---|---|---|\n"
        for outcome in report.outcomes {
            var title = "`\(outcome.id)` \(escape(outcome.title))"
            if let location = report.location(of: outcome) { title += " (\(escape(location)))" }
            var evidence = escape(outcome.summary)
            let shown = outcome.evidence.prefix(5)
            if !shown.isEmpty { evidence += "<br>" + shown.map(escape).joined(separator: "<br>") }
            if outcome.evidence.count > shown.count { evidence += "<br>… \(outcome.evidence.count - shown.count) more" }
            text += "| \(outcome.passed ? "✅ pass" : "❌ fail") | \(title) | \(evidence) |\n"
        }
        return text + "\n"
    }
}
