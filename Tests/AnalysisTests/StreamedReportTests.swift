import Analysis
import CalicapTestSupport
import CaptureFile
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

    /// Findings are streamed one at a time too: the lab's direct scenario across the router
    /// has unanswered-flow findings listing many flows.
    @Test func streamedJSONWithFindingsEqualsTheWholeDocument() throws {
        let result = try UnansweredFlowFindingTests.analyse("direct")
        #expect(result.trafficFindings.count >= 2)
        var pieces: [String] = []
        JSONReport.write(result) { pieces.append($0) }
        #expect(pieces.joined() == JSONReport.document(result).prettyText + "\n")
    }

    /// The end-of-session result that takes the flow table over is the same result as the one
    /// that leaves it in place; the session holds no flows after it.
    @Test func takenResultEqualsTheResult() throws {
        let path = Fixtures.lab("crosssubnet", "w1-eth0.pcap")
        var session = AnalysisSession(options: AnalysisOptions(paths: [path]))
        let reader = try CaptureFileReader(path: path)
        let linkType = try #require(reader.interfaces.first?.linkType)
        let capture = session.addCapture(source: path, linkType: linkType, interface: nil)
        while let record = reader.next() {
            session.ingest(record.bytes.bytes, captureIndex: capture, time: record.timestamp.nanosecondsSinceEpoch)
        }
        let kept = session.result()
        #expect(!kept.flows.isEmpty)
        let taken = session.takeResult()
        #expect(JSONReport.render(taken) == JSONReport.render(kept))
        #expect(session.result().flows.isEmpty)
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
