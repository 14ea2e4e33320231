/// JUnit XML: one `testsuite`, one `testcase` per expectation, a `failure` with the evidence.
/// The common subset that GitHub (test-reporter actions), GitLab and Jenkins read:
/// `testsuites > testsuite[name, tests, failures, errors, skipped] > testcase[name, classname]
/// > failure[message, type]`.
public enum JUnitRenderer {
    public static func render(_ report: VerificationReport, suiteName: String = "calicap verify") -> String {
        let escape = { (text: String) in XMLText.escape(text, attribute: true) }
        let failures = report.failures.count
        let className = "calicap.verify." + (report.expectationsFile.map(suiteWord) ?? "command-line")
        var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        text += "<testsuites name=\"\(escape(suiteName))\" tests=\"\(report.outcomes.count)\" failures=\"\(failures)\" errors=\"0\">\n"
        text += "  <testsuite name=\"\(escape(suiteName))\" tests=\"\(report.outcomes.count)\" failures=\"\(failures)\" "
        text += "errors=\"0\" skipped=\"0\" time=\"0\">\n"
        text += "    <properties>\n"
        for source in report.sources {
            text += "      <property name=\"capture\" value=\"\(escape(source))\"/>\n"
        }
        text += "      <property name=\"pool\" value=\"\(escape(report.pool.summary))\"/>\n"
        text += "    </properties>\n"
        for outcome in report.outcomes {
            let name = "\(outcome.id): \(outcome.title)"
            text += "    <testcase name=\"\(escape(name))\" classname=\"\(escape(className))\" time=\"0\""
            if let file = report.expectationsFile {
                text += " file=\"\(escape(file))\""
                if let line = outcome.line { text += " line=\"\(line)\"" }
            }
            if outcome.passed {
                text += ">\n      <system-out>\(XMLText.escape(outcome.summary))</system-out>\n    </testcase>\n"
            } else {
                text += ">\n      <failure message=\"\(escape(outcome.summary))\" type=\"ExpectationFailed\">"
                text += XMLText.escape(([outcome.summary] + outcome.evidence).joined(separator: "\n"))
                text += "</failure>\n    </testcase>\n"
            }
        }
        text += "  </testsuite>\n</testsuites>\n"
        return text
    }

    /// The file's base name without its extension, dots made underscores (readers split
    /// `classname` at dots into packages).
    static func suiteWord(_ path: String) -> String {
        var name = String(path.split(separator: "/").last ?? Substring(path))
        if let dot = name.lastIndex(of: "."), dot != name.startIndex { name = String(name[..<dot]) }
        return String(name.map { $0 == "." ? "_" : $0 })
    }
}
