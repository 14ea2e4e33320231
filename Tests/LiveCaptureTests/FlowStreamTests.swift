import Analysis
import CaptureFile
import Flows
import Report
import Testing
import Wire

/// `--format jsonl` while capturing: flows handed out as they finish, each once.
@Suite struct FlowStreamTests {
    /// A session fed with the first `limit` packets of a lab capture; the last packet time.
    static func session(_ file: String, limit: Int = .max) throws -> (AnalysisSession, Int64, CaptureFileReader) {
        let reader = try CaptureFileReader(path: FixturePackets.fixtures.appendingPathComponent(file).path)
        var session = AnalysisSession(options: AnalysisOptions(paths: []))
        var last: Int64 = 0
        feed(&session, reader, limit: limit, last: &last)
        return (session, last, reader)
    }

    static func feed(_ session: inout AnalysisSession, _ reader: CaptureFileReader, limit: Int, last: inout Int64) {
        var captures: [Int] = []
        var count = 0
        while count < limit, let record = reader.next() {
            while captures.count < reader.interfaces.count {
                let interface = reader.interfaces[captures.count]
                captures.append(session.addCapture(source: reader.name, linkType: interface.linkType, interface: "eth0"))
            }
            last = record.timestamp.seconds * 1_000_000_000 + Int64(record.timestamp.nanoseconds)
            session.ingest(record.bytes.bytes, captureIndex: captures[record.interfaceIndex], time: last)
            count += 1
        }
    }

    @Test func finishedTCPFlowsComeOutOnceAndTheRestAtTheEnd() throws {
        let (session, last, _) = try Self.session("lab/ipip/w1-eth0.pcap")
        var stream = FlowStream(idleTimeout: 3600 * 1_000_000_000)
        let finished = stream.takeCompleted(from: session, now: last)
        #expect(!finished.isEmpty)
        #expect(finished.allSatisfy { $0.record.key.protocolNumber == .tcp && FlowStream.isFinished($0.record) })
        #expect(stream.takeCompleted(from: session, now: last).isEmpty)

        let result = session.result()
        let remaining = stream.takeRemaining(from: result)
        let handedOut = Set(finished.map(\.record.key)).union(remaining.map(\.record.key))
        #expect(handedOut.count == finished.count + remaining.count)
        #expect(handedOut == Set(result.flows.map(\.record.key)))
        #expect(stream.takeRemaining(from: result).isEmpty)
    }

    @Test func streamedLinesAreTheReportsLines() throws {
        let (session, last, _) = try Self.session("lab/vxlan/w1-eth0.pcap")
        var stream = FlowStream(idleTimeout: 1)
        let names = CaptureNames(captures: session.captureSummaries, capturePoints: session.capturePoints)
        let lines = stream.takeCompleted(from: session, now: last + 2).map { JSONLinesStream.line($0, captureNames: names) }
        #expect(lines.joined() == JSONLinesReport.render(session.result()))
    }

    @Test func idleFlowsComeBackOnlyWhenTheyMoveAgain() throws {
        let (firstHalf, middle, reader) = try Self.session("lab/ipip/w1-eth0.pcap", limit: 150)
        var session = firstHalf
        var stream = FlowStream(idleTimeout: 1)
        let early = stream.takeCompleted(from: session, now: middle + 2)
        #expect(early.count == session.flows.count)
        #expect(stream.takeCompleted(from: session, now: middle + 2).isEmpty)

        var last = middle
        Self.feed(&session, reader, limit: .max, last: &last)
        let later = stream.takeCompleted(from: session, now: last + 2)
        let earlyByKey = Dictionary(early.map { ($0.record.key, $0) }, uniquingKeysWith: { first, _ in first })
        for flow in later {
            if let before = earlyByKey[flow.record.key] {
                // Handed out again: it had more packets, and it had not finished before.
                #expect(!FlowStream.isFinished(before.record))
                #expect(flow.record.packetsForward + flow.record.packetsReverse
                    > before.record.packetsForward + before.record.packetsReverse)
            }
        }
        let keys = Set(session.flows.records.map(\.key))
        #expect(Set(early.map(\.record.key)).union(later.map(\.record.key)) == keys)
    }
}
