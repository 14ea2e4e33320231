import Calico
import Flows

/// Hands out flows of a running `AnalysisSession` as they finish, for a `--format jsonl` stream:
/// a TCP flow once FIN was seen both ways or a RST either way, any flow once idle for the timeout,
/// and at the end whatever was not handed out yet.
///
/// Each flow is handed out once. A flow handed out for being idle that sees packets again is
/// handed out again when it next finishes or idles (with its counters since the start, since the
/// session keeps one record per 5-tuple); a flow handed out as finished (FIN/RST) is not handed
/// out again for trailing packets such as the last ACK. The verdict is taken with the capture
/// points and pod addresses known at that moment (`AnalysisSession.currentClassifier()`); the final
/// report, built from everything, is the one that matches an offline run of the saved file.
public struct FlowStream: Sendable {
    enum Emission: Sendable {
        /// Handed out as finished: never again.
        case finished
        /// Handed out for idleness with this many packets counted: again if the count grows.
        case idle(packets: Int)
    }

    /// Nanoseconds without a packet after which a flow is handed out (`--flow-timeout`).
    public let idleTimeout: Int64
    private var emitted: [FlowKey: Emission] = [:]

    public init(idleTimeout: Int64) {
        self.idleTimeout = idleTimeout
    }

    /// Flows handed out so far (keys remembered).
    public var emittedCount: Int { emitted.count }

    /// Flows that finished or went idle by `now` (ns since the epoch) and are due, in first-seen order.
    public mutating func takeCompleted(from session: AnalysisSession, now: Int64) -> [AnalyzedFlow] {
        var due: [(FlowRecord, Bool)] = []
        for record in session.flows.records {
            let finished = Self.isFinished(record)
            let (elapsed, overflow) = now.subtractingReportingOverflow(record.lastSeen)
            let idle = overflow || elapsed >= idleTimeout
            guard finished || idle, isDue(record) else { continue }
            due.append((record, finished))
        }
        prune(session)
        guard !due.isEmpty else { return [] }
        let classifier = session.currentClassifier()
        var flows: [AnalyzedFlow] = []
        flows.reserveCapacity(due.count)
        for (record, finished) in due {
            emitted[record.key] = finished ? .finished : .idle(packets: Self.packetCount(record))
            flows.append(AnalyzedFlow(record: record, verdict: classifier.verdict(for: record)))
        }
        flows.sort { ($0.record.firstSeen, $0.record.key) < ($1.record.firstSeen, $1.record.key) }
        return flows
    }

    /// The flows of the final result not handed out yet (or idle-emitted and active since),
    /// with the final verdicts, in the result's order.
    public mutating func takeRemaining(from result: AnalysisResult) -> [AnalyzedFlow] {
        let remaining = result.flows.filter { isDue($0.record) }
        for flow in remaining {
            emitted[flow.record.key] = .finished
        }
        return remaining
    }

    /// TCP closed both ways, or reset.
    public static func isFinished(_ record: FlowRecord) -> Bool {
        guard record.key.protocolNumber == .tcp else { return false }
        let forward = record.tcpFlagsForward
        let reverse = record.tcpFlagsReverse
        if forward.contains(.reset) || reverse.contains(.reset) { return true }
        return forward.contains(.fin) && reverse.contains(.fin)
    }

    static func packetCount(_ record: FlowRecord) -> Int {
        record.packetsForward + record.packetsReverse + record.duplicatePackets
    }

    private func isDue(_ record: FlowRecord) -> Bool {
        switch emitted[record.key] {
        case nil: true
        case .finished: false
        case .idle(let packets): Self.packetCount(record) > packets
        }
    }

    /// Forgets flows the session evicted, so memory stays bounded by the flow table.
    private mutating func prune(_ session: AnalysisSession) {
        guard emitted.count > session.flows.count + 4096 else { return }
        emitted = emitted.filter { session.flows.record(for: $0.key) != nil }
    }
}
