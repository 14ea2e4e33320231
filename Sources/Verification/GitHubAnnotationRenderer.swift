/// GitHub Actions workflow commands. GitHub shows at most 10 annotations of each kind per step,
/// so the verdict comes first: one `::error` (or `::notice`) with the totals, then an `::error`
/// per failed expectation on the expectations file's line, then one `::notice` listing the
/// expectations that hold.
public enum GitHubAnnotationRenderer {
    public static func render(_ report: VerificationReport) -> String {
        let failures = report.failures
        let passes = report.outcomes.filter(\.passed)
        let total = report.outcomes.count
        var text = ""
        if failures.isEmpty {
            text += command("notice", ["title=calicap verify"], "PASS: \(total) of \(total) expectations hold")
        } else {
            let ids = failures.map(\.id).joined(separator: ", ")
            text += command("error", ["title=calicap verify"], "FAIL: \(failures.count) of \(total) expectations failed (\(ids))")
        }
        for outcome in failures {
            var properties: [String] = []
            if let file = report.expectationsFile {
                properties.append("file=\(WorkflowCommandText.property(file))")
                if let line = outcome.line { properties.append("line=\(line)") }
            }
            properties.append("title=\(WorkflowCommandText.property("\(outcome.id): \(outcome.title)"))")
            let message = ([outcome.summary] + outcome.evidence).joined(separator: "\n")
            text += command("error", properties, message)
        }
        if !passes.isEmpty {
            let lines = passes.map { "\($0.id): \($0.title): \($0.summary)" }
            text += command("notice", ["title=\(WorkflowCommandText.property("calicap verify: \(passes.count) hold"))"], lines.joined(separator: "\n"))
        }
        return text
    }

    static func command(_ name: String, _ properties: [String], _ message: String) -> String {
        "::\(name) \(properties.joined(separator: ","))::\(WorkflowCommandText.data(message))\n"
    }
}
