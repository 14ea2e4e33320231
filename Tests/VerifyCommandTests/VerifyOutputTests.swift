import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// `calicap verify` outputs from the command line: JUnit (schema-valid, counts right), GitHub
/// workflow commands with the Markdown step summary, JSON.
@Suite("calicap verify: JUnit, GitHub, Markdown and JSON outputs")
struct VerifyOutputTests {
    typealias Run = VerifyRunner
    static let schema = Run.repository.appendingPathComponent("Tests/VerificationTests/junit.xsd").path
    static let xmllint: String? = ["/usr/bin/xmllint", "/usr/local/bin/xmllint"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test("--junit: one testsuite, tests and failures counted", arguments: [
        ("ipip-pass", "ipip", 10, 0, Int32(0)),
        ("ipip-fail-few-flows", "ipip", 2, 2, Int32(1)),
        ("crosssubnet-fail-mode", "crosssubnet", 2, 1, Int32(1)),
    ])
    func junit(file: String, scenario: String, tests: Int, failures: Int, status: Int32) throws {
        let folder = try Run.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appendingPathComponent("junit.xml")
        let outcome = try Run.run(["verify", "--expect", Run.expectations(file), "--junit", report.path, Run.lab(scenario)])
        #expect(outcome.status == status)
        let data = try Data(contentsOf: report)
        let document = try XMLDocument(data: data)
        let suite = try #require(try document.nodes(forXPath: "/testsuites/testsuite").first as? XMLElement)
        #expect(suite.attribute(forName: "tests")?.stringValue == "\(tests)")
        #expect(suite.attribute(forName: "failures")?.stringValue == "\(failures)")
        #expect(try document.nodes(forXPath: "//testcase").count == tests)
        #expect(try document.nodes(forXPath: "//testcase/failure").count == failures)
    }

    @Test("--junit: valid against junit.xsd (xmllint, from Debian's libxml2-utils)",
          .enabled(if: xmllint != nil, "needs xmllint: apt-get install libxml2-utils"),
          arguments: [("ipip-pass", "ipip"), ("ipip-fail-few-flows", "ipip"), ("direct-fail-unanswered", "direct")])
    func junitSchema(file: String, scenario: String) throws {
        let folder = try Run.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appendingPathComponent("junit.xml")
        _ = try Run.run(["verify", "--expect", Run.expectations(file), "--junit", report.path, Run.lab(scenario)])
        let xmllint = try #require(Self.xmllint)
        let validation = try Run.run(["--noout", "--schema", Self.schema, report.path], executable: URL(fileURLWithPath: xmllint))
        #expect(validation.status == 0, "\(validation.standardError)")
    }

    @Test("--format github: ::error on the file's line for each failure, Markdown appended to GITHUB_STEP_SUMMARY")
    func github() throws {
        let folder = try Run.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let summary = folder.appendingPathComponent("summary.md")
        try Data("# earlier step\n".utf8).write(to: summary)
        let path = Run.expectations("crosssubnet-fail-mode")
        let outcome = try Run.run(
            ["verify", "--expect", path, "--format", "github", Run.lab("crosssubnet")],
            environment: ["GITHUB_STEP_SUMMARY": summary.path])
        #expect(outcome.status == 1)
        let lines = outcome.standardOutput.split(separator: "\n")
        let errors = lines.filter { $0.hasPrefix("::error ") }
        #expect(errors.count == 2)
        #expect(errors.first == "::error title=calicap verify::FAIL: 1 of 2 expectations failed (flows[1])")
        #expect(errors.last?.hasPrefix("::error file=\(path),line=4,title=flows[1]%3A ") == true)
        #expect(lines.filter { $0.hasPrefix("::notice ") }.count == 1)
        let markdown = try String(contentsOf: summary, encoding: .utf8)
        #expect(markdown.hasPrefix("# earlier step\n### calicap verify: FAIL"))
        #expect(markdown.contains("| ❌ fail | `flows[1]`"))
    }

    @Test("--markdown FILE writes the summary without GitHub")
    func markdownFile() throws {
        let folder = try Run.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let summary = folder.appendingPathComponent("summary.md")
        let outcome = try Run.run(["verify", "--expect", Run.expectations("vxlan-pass"), "--markdown", summary.path, Run.lab("vxlan")])
        #expect(outcome.status == 0)
        #expect(try String(contentsOf: summary, encoding: .utf8).hasPrefix("### calicap verify: PASS"))
    }

    @Test("--format json: the documented fields")
    func json() throws {
        let outcome = try Run.run(["verify", "--expect", Run.expectations("crosssubnet-pass"), "--format", "json", Run.lab("crosssubnet")])
        #expect(outcome.status == 0)
        let document = try Run.json(outcome.standardOutput)
        #expect(document["schemaVersion"] as? Int == 1)
        #expect(document["passed"] as? Bool == true)
        #expect((document["captures"] as? [String])?.count == 1)
        let observed = try #require(document["observed"] as? [String: Any])
        #expect(observed["podToPodFlows"] as? Int == 48)
        #expect(observed["podToPodModes"] as? [String: Int] == ["direct": 24, "ipip": 24])
        let pool = try #require(observed["pool"] as? [String: Any])
        #expect(pool["behaviour"] as? String == "CrossSubnet" && pool["ipipMode"] as? String == "CrossSubnet")
        let results = try #require(document["results"] as? [[String: Any]])
        #expect(results.count == 8)
        #expect(results.allSatisfy { $0["status"] as? String == "pass" && $0["line"] is Int && $0["evidence"] is [String] })
    }
}
