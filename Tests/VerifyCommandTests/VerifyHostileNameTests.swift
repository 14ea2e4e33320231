import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// A capture whose file name carries newlines, markup and workflow-command syntax: every
/// output keeps it as text.
@Suite("calicap verify: hostile capture names stay text in every format")
struct VerifyHostileNameTests {
    typealias Run = VerifyRunner
    static let hostileName = "evil\n::error title=x::injected <b>&\"%0A\u{1b}[31m.pcap"

    @Test("text, GitHub commands, JUnit and Markdown")
    func escaped() throws {
        let folder = try Run.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let capture = folder.appendingPathComponent(Self.hostileName)
        try FileManager.default.copyItem(atPath: Run.lab("crosssubnet"), toPath: capture.path)
        let junit = folder.appendingPathComponent("junit.xml")
        let markdown = folder.appendingPathComponent("summary.md")
        let outcome = try Run.run([
            "verify", "--expect", Run.expectations("crosssubnet-fail-mode"), "--format", "github",
            "--junit", junit.path, "--markdown", markdown.path, capture.path,
        ])
        #expect(outcome.status == 1)
        #expect(!outcome.standardOutput.contains("\u{1b}"))
        for line in outcome.standardOutput.split(separator: "\n") where line.contains("injected") {
            #expect(!line.hasPrefix("::"), "a workflow command was injected: \(line)")
        }
        #expect(!outcome.standardOutput.split(separator: "\n").contains { $0.hasPrefix("::error title=x") })
        let document = try XMLDocument(data: try Data(contentsOf: junit))
        let property = try document.nodes(forXPath: "//property[@name='capture']").first as? XMLElement
        #expect(property?.attribute(forName: "value")?.stringValue?.contains("evil\n::error title=x::injected <b>&\"") == true)
        let summary = try String(contentsOf: markdown, encoding: .utf8)
        #expect(!summary.contains("<b>") && !summary.contains("\u{1b}"))
        #expect(summary.split(separator: "\n").filter { $0.hasPrefix("| ") }.count == 3)
    }
}
