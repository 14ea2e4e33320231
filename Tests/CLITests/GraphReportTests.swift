import CalicapTestSupport
import Foundation
import Testing

/// `--format mermaid` and `--format dot`: the node pairs of every lab scenario as a graph. The
/// DOT output renders with Graphviz (`dot -Tsvg`, installed by .ci/run); the Mermaid output has
/// the structure Mermaid reads: one node per node address, one edge per node pair, subgraphs
/// closed, contradicting pairs styled red.
@Suite struct GraphReportTests {
    static func uplinks(_ scenario: String) -> [String] {
        Fixtures.labCaptures(scenario).filter { $0.hasSuffix("-eth0.pcap") }.map { Fixtures.lab(scenario, $0) }
    }

    @Test(arguments: Fixtures.labFolders)
    func dotRendersWithGraphviz(scenario: String) throws {
        let outcome = try ProcessRunner.calicap(Self.uplinks(scenario) + ["--format", "dot"])
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.hasPrefix("graph calicap {"))
        let folder = TemporaryDirectory()
        let file = folder.url.appendingPathComponent("graph.dot")
        try outcome.standardOutput.write(to: file, atomically: false, encoding: .utf8)
        let dot = try #require(
            ["/usr/bin/dot", "/usr/local/bin/dot"].first { FileManager.default.isExecutableFile(atPath: $0) },
            "Graphviz's dot is not installed (.ci/run installs graphviz)")
        let rendered = try ProcessRunner.run(dot, ["-Tsvg", file.path])
        #expect(rendered.status == 0, "\(rendered.standardError)")
        #expect(rendered.standardOutput.contains("<svg"))
    }

    @Test(arguments: Fixtures.labFolders)
    func mermaidHasOneEdgePerNodePair(scenario: String) throws {
        let text = try ProcessRunner.calicap(Self.uplinks(scenario) + ["--format", "mermaid"]).standardOutput
        let json = try JSONText.object(try ProcessRunner.calicap(Self.uplinks(scenario) + ["--format", "json"]).standardOutput)
        let pairs = ((json["summary"] as? [String: Any])?["pool"] as? [String: Any])?["nodePairs"] as? [[String: Any]] ?? []
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first == "flowchart LR")
        #expect(lines.filter { $0.contains("---|") }.count == pairs.count)
        #expect(lines.filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("subgraph") }.count
            == lines.filter { $0.trimmingCharacters(in: .whitespaces) == "end" }.count)
        let addresses = Set(pairs.flatMap { $0["nodes"] as? [String] ?? [] })
        for address in addresses { #expect(text.contains(address), "node \(address) missing") }
    }

    /// A VXLAN pool file against the IPIP capture: every pair contradicts it and is drawn red.
    @Test func contradictionsAreRed() throws {
        let cluster = ["--cluster", Fixtures.lab("vxlan", "cluster/ippools.yaml"), "--cluster", Fixtures.lab("ipip", "cluster/nodes.yaml")]
        let text = try ProcessRunner.calicap(Self.uplinks("ipip") + cluster + ["--format", "mermaid"]).standardOutput
        #expect(text.contains("linkStyle 0,1,2 stroke:#d00"))
        #expect(text.contains("w1 (192.168.10.101)"))
        #expect(text.contains("(contradicts the pool)"))
    }
}
