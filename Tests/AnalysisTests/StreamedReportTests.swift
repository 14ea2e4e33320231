import Analysis
import CalicapTestSupport
import Inputs
import Report
import Testing

/// JSON, JSONL and CSV are written one flow at a time; the text must be exactly the document.
@Suite struct StreamedReportTests {
    @Test(arguments: [("ipip", "w1-eth0.pcap"), ("direct", "w0-any.pcap")])
    func streamedJSONEqualsTheWholeDocument(folder: String, file: String) throws {
        let result = try Analyzer.run(AnalysisOptions(paths: [Fixtures.lab(folder, file)]))
        var pieces: [String] = []
        JSONReport.write(result) { pieces.append($0) }
        #expect(pieces.joined() == JSONReport.document(result).prettyText + "\n")
    }

    @Test func streamedJSONWithoutFlowsEqualsTheWholeDocument() throws {
        let result = try Analyzer.run(
            AnalysisOptions(paths: [Fixtures.lab("ipip", "w1-eth0.pcap")], filter: "arp"))
        #expect(result.flows.isEmpty)
        var text = ""
        JSONReport.write(result) { text += $0 }
        #expect(text == JSONReport.document(result).prettyText + "\n")
    }

    @Test func jsonLinesAndCSVHaveOneLinePerFlow() throws {
        let result = try Analyzer.run(AnalysisOptions(paths: [Fixtures.lab("vxlan", "w2-any.pcap")]))
        var lines = ""
        JSONLinesReport.write(result) { lines += $0 }
        #expect(lines.split(separator: "\n").count == result.flows.count)
        var csv = ""
        CSVReport.write(result) { csv += $0 }
        #expect(csv.split(separator: "\n").count == result.flows.count + 1)
    }
}
