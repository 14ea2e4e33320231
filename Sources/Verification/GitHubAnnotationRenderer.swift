/// GitHub Actions workflow commands: `::error` for each failed expectation (on the expectations
/// file's line, so the run shows it there), `::notice` for each that holds and for the total.
public enum GitHubAnnotationRenderer {
    public static func render(_ report: VerificationReport) -> String {
        var text = ""
        for outcome in report.outcomes {
            var properties: [String] = []
            if let file = report.expectationsFile {
                properties.append("file=\(WorkflowCommandText.property(file))")
                if let line = outcome.line { properties.append("line=\(line)") }
            }
            properties.append("title=\(WorkflowCommandText.property("\(outcome.id): \(outcome.title)"))")
            let command = outcome.passed ? "notice" : "error"
            var message = outcome.summary
            if !outcome.passed && !outcome.evidence.isEmpty { message += "\n" + outcome.evidence.joined(separator: "\n") }
            text += "::\(command) \(properties.joined(separator: ","))::\(WorkflowCommandText.data(message))\n"
        }
        let failed = report.failures.count
        let total = report.outcomes.count
        let verdict = failed == 0 ? "PASS: \(total) of \(total) expectations hold" : "FAIL: \(failed) of \(total) expectations failed"
        text += "::\(failed == 0 ? "notice" : "error") title=calicap verify::\(WorkflowCommandText.data(verdict))\n"
        return text
    }
}
