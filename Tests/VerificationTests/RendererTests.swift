import Foundation
import Testing
@testable import Verification

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("Renderers: text, JSON, JUnit (schema-valid), GitHub workflow commands, Markdown")
struct RendererTests {
    static let schema = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("junit.xsd")
    static let xmllint: String? = ["/usr/bin/xmllint", "/usr/local/bin/xmllint"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// A failing report whose texts carry everything that could break the formats.
    static let hostile = "<x & \"y\" 'z'>\n::error::%0A|*_[a](b)`\u{1b}[31m\u{0}"

    static func report() throws -> VerificationReport {
        var observation = ObservationSamples.crossSubnet
        observation.sources = ["w1-eth0.pcap", "evil\(hostile).pcap"]
        let expectations = try ExpectationsLoader.parse("""
            pool: { ipipMode: CrossSubnet }
            flows:
              - { from: 172.16.158.0/26, to: 172.16.34.0/26, mode: ipip }
              - { from: 172.16.158.0/26, to: 172.16.34.0/26, mode: ipip, answered: true }
            require:
              unanswered: none
              forbidModes: [direct]
            """, file: "ci/expect,1:\(hostile).yaml")
        var report = try Evaluator().evaluate(expectations, against: observation)
        report.outcomes[2].evidence.append(hostile)
        return report
    }

    @Test("JUnit: valid against junit.xsd (xmllint, from Debian's libxml2-utils)",
          .enabled(if: xmllint != nil, "needs xmllint: apt-get install libxml2-utils"))
    func junitValid() throws {
        let xml = JUnitRenderer.render(try Self.report())
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("calicap-junit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("junit.xml")
        try Data(xml.utf8).write(to: file)
        let xmllint = try #require(Self.xmllint)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: xmllint)
        process.arguments = ["--noout", "--schema", Self.schema.path, file.path]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "xmllint: \(message)")
    }

    @Test("JUnit: the counts match the outcomes, and hostile text stays text")
    func junitCounts() throws {
        let report = try Self.report()
        #expect(report.outcomes.count == 5 && report.failures.count == 3)
        let document = try XMLDocument(data: Data(JUnitRenderer.render(report).utf8))
        let suites = try document.nodes(forXPath: "/testsuites/testsuite")
        #expect(suites.count == 1)
        let suite = try #require(suites.first as? XMLElement)
        #expect(suite.attribute(forName: "tests")?.stringValue == "5")
        #expect(suite.attribute(forName: "failures")?.stringValue == "3")
        #expect(try document.nodes(forXPath: "//testcase").count == 5)
        let failures = try document.nodes(forXPath: "//testcase/failure")
        #expect(failures.count == 3)
        #expect(failures.compactMap(\.stringValue).contains { $0.contains("<x & \"y\" 'z'>") })
        #expect(try document.nodes(forXPath: "//testcase[@line='3']").count == 1)
    }

    @Test("JSON: parses, documented fields, counts")
    func json() throws {
        let report = try Self.report()
        let object = try #require(JSONSerialization.jsonObject(with: Data(JSONVerdictRenderer.render(report).utf8)) as? [String: Any])
        #expect(object["schemaVersion"] as? Int == 1)
        #expect(object["passed"] as? Bool == false)
        let counts = try #require(object["counts"] as? [String: Any])
        #expect(counts["expectations"] as? Int == 5 && counts["failures"] as? Int == 3)
        let results = try #require(object["results"] as? [[String: Any]])
        #expect(results.map { $0["id"] as? String } == ["pool.ipipMode", "flows[0]", "flows[1]", "require.unanswered", "require.forbidModes"])
        #expect(results.map { $0["status"] as? String } == ["pass", "pass", "fail", "fail", "fail"])
        #expect((results[2]["evidence"] as? [String])?.last == Self.hostile)
        let observed = try #require(object["observed"] as? [String: Any])
        #expect(observed["podToPodFlows"] as? Int == 3 && observed["unansweredPodToPodFlows"] as? Int == 1)
        let pool = try #require(observed["pool"] as? [String: Any])
        #expect(pool["ipipMode"] as? String == "CrossSubnet" && pool["vxlanMode"] as? String == "Never")
    }

    @Test("GitHub: one command a line, data and properties escaped")
    func github() throws {
        let text = GitHubAnnotationRenderer.render(try Self.report())
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 5)
        #expect(lines.allSatisfy { $0.hasPrefix("::error ") || $0.hasPrefix("::notice ") })
        #expect(lines[0] == "::error title=calicap verify::FAIL: 3 of 5 expectations failed (flows[1], require.unanswered, require.forbidModes)")
        #expect(lines.filter { $0.hasPrefix("::error ") }.count == 4)
        #expect(lines[1].contains("line=4,title=flows[1]%3A "))
        #expect(lines[1].contains("file=ci/expect%2C1%3A<x"))
        #expect(lines[4].hasPrefix("::notice title=calicap verify%3A 2 hold::pool.ipipMode: "))
        #expect(!text.contains("\u{0}") || WorkflowCommandText.data("\u{0}") == "\u{0}")
        #expect(WorkflowCommandText.data("a%b\r\nc") == "a%25b%0D%0Ac")
        #expect(WorkflowCommandText.property("t: a, b") == "t%3A a%2C b")
    }

    @Test("Markdown: a table row per expectation, markup and HTML inert")
    func markdown() throws {
        let text = MarkdownSummaryRenderer.render(try Self.report())
        #expect(text.hasPrefix("### calicap verify: FAIL"))
        #expect(text.components(separatedBy: "\n").filter { $0.hasPrefix("| ❌ fail") }.count == 3)
        #expect(!text.contains("<x") && text.contains("&lt;x"))
        #expect(MarkdownText.escape("a|b*c\n<d>") == "a\\|b\\*c &lt;d&gt;")
    }

    @Test("text: PASS/FAIL lines, control characters shown, never raw")
    func text() throws {
        let text = TextVerdictRenderer.render(try Self.report())
        #expect(text.contains("PASS  pool.ipipMode"))
        #expect(text.contains("FAIL  flows[1]"))
        #expect(text.hasSuffix("Result: FAIL, 3 of 5 expectations failed\n"))
        #expect(!text.contains("\u{1b}") && text.contains("\\u{1b}"))
    }

    @Test("XML escaping keeps only characters XML 1.0 can hold")
    func xmlEscaping() {
        #expect(XMLText.escape("a<b>&\"'\u{1}\u{7f}") == "a&lt;b&gt;&amp;&quot;&apos;\\u{1}\\u{7f}")
    }
}
