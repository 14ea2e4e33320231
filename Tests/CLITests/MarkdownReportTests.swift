import CalicapTestSupport
import Foundation
import Testing

/// `--format markdown`: the pool verdict, one table row per node pair, every report finding worst
/// first, the Mermaid picture as `--format mermaid` draws it, and names from files made inert.
@Suite struct MarkdownReportTests {
    @Test(arguments: Fixtures.labFolders)
    func markdownHasTheVerdictPairsFindingsAndPicture(scenario: String) throws {
        let files = GraphReportTests.uplinks(scenario)
        let outcome = try ProcessRunner.calicap(files + ["--format", "markdown"])
        #expect(outcome.status == 0)
        let text = outcome.standardOutput
        let json = try JSONText.object(try ProcessRunner.calicap(files + ["--format", "json"]).standardOutput)
        let pool = (json["summary"] as? [String: Any])?["pool"] as? [String: Any] ?? [:]
        let pairs = pool["nodePairs"] as? [[String: Any]] ?? []
        let behaviour = try #require(pool["behaviour"] as? String)
        #expect(text.contains("**Pool: "))
        #expect(text.contains(behaviour))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.filter { $0.hasPrefix("| ") && $0.contains(" ↔ ") }.count == pairs.count)
        // Findings in the JSON's order (worst first), each once.
        let ids = (json["findings"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        let listed = lines.filter { $0.hasPrefix("- ") }.compactMap { line -> String? in
            guard let open = line.firstIndex(of: "`") else { return nil }
            let rest = line[line.index(after: open)...]
            return rest.firstIndex(of: "`").map { String(rest[..<$0]) }
        }
        #expect(listed == ids)
        if !pairs.isEmpty {
            let mermaid = try ProcessRunner.calicap(files + ["--format", "mermaid"]).standardOutput
            #expect(text.contains("```mermaid\n" + mermaid + "```\n"))
        }
        #expect(lines.filter { $0.hasPrefix("```") }.count % 2 == 0)
    }

    /// A node name with table and emphasis markup and HTML stays one inert table cell.
    @Test func namesFromFilesAreEscaped() throws {
        let folder = TemporaryDirectory()
        let nodes = try String(contentsOfFile: Fixtures.lab("direct", "cluster/nodes.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "\n    name: w1\n", with: "\n    name: \"w1|<b>*x*</b>\"\n")
        let file = folder.url.appendingPathComponent("nodes.yaml")
        try nodes.write(to: file, atomically: false, encoding: .utf8)
        let text = try ProcessRunner.calicap(
            GraphReportTests.uplinks("direct") + ["--cluster", file.path, "--format", "markdown"]).standardOutput
        #expect(text.contains("w1\\|&lt;b&gt;\\*x\\*&lt;/b&gt; (192.168.10.101)"))
        #expect(!text.contains("<b>"))
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("| w1") }
        #expect(rows.count == 2)
        // Every row has the header's cell count: the escaped bar does not split a cell.
        for row in rows { #expect(row.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count == 8) }
    }
}
