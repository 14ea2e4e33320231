import Analysis
import Dispatch
import Synchronization
import Wire

/// Worker threads that each own a disjoint shard of the flows (Suricata's autofp): the reading
/// thread decodes each packet, records its packet-level facts in the main session in arrival
/// order, and hands it in batches to the worker whose shard holds its flow
/// (`AnalysisSession.shard`, the same both ways). Each worker records flows in its own session
/// in time order; `finish` merges the shards into the main session, which then reports exactly
/// what one thread would have (as long as no flow is evicted: each shard may keep
/// `maximumFlows`, the merge enforces the limit).
final class ShardWorkers {
    /// One decoded packet on its way to a shard.
    struct Item: Sendable {
        var packet: Dissection
        var capturePoint: Int
        var time: Int64
        var mayHaveDuplicates: Bool
    }

    /// A bounded queue of batches from the reader to one worker, and the emptied batches back.
    final class Channel: Sendable {
        let state = Mutex<(full: [[Item]], empty: [[Item]], finished: Bool)>(([], [], false))
        let filled = DispatchSemaphore(value: 0)
        /// Batches that may be in flight (bounds memory: the reader waits when the worker lags).
        let slots = DispatchSemaphore(value: ShardWorkers.batchesInFlight)
        let done = DispatchSemaphore(value: 0)
        let result = Mutex<AnalysisSession?>(nil)

        func send(_ batch: [Item]) {
            slots.wait()
            state.withLock { $0.full.append(batch) }
            filled.signal()
        }

        func finish() {
            state.withLock { $0.finished = true }
            filled.signal()
        }

        /// An emptied batch to fill again, or a new one.
        func recycled() -> [Item] {
            if let batch = state.withLock({ $0.empty.popLast() }) { return batch }
            var batch: [Item] = []
            batch.reserveCapacity(ShardWorkers.batchSize)
            return batch
        }

        /// The worker's loop: records every packet of every batch until the reader finishes.
        func work(_ session: consuming AnalysisSession) {
            var session = session
            while true {
                filled.wait()
                let next: [Item]? = state.withLock { state in
                    state.full.isEmpty ? nil : state.full.removeFirst()
                }
                guard var batch = next else { break }  // finished, nothing left
                // Through the buffer, so that each dissection is lent where it lies, not copied out.
                batch.withUnsafeBufferPointer { items in
                    for index in items.indices {
                        session.recordFlow(
                            items[index].packet, capturePoint: items[index].capturePoint, time: items[index].time,
                            mayHaveDuplicates: items[index].mayHaveDuplicates)
                    }
                }
                batch.removeAll(keepingCapacity: true)
                state.withLock { $0.empty.append(batch) }
                slots.signal()
            }
            result.withLock { $0 = session }
            done.signal()
        }
    }

    static let batchSize = 1024
    static let batchesInFlight = 4

    let dissector: Dissector
    let channels: [Channel]
    var pending: [[Item]]

    init(options: AnalysisOptions, count: Int) {
        dissector = Dissector(options: options.dissect)
        channels = (0..<count).map { _ in Channel() }
        pending = channels.map { $0.recycled() }
        for channel in channels {
            let session = AnalysisSession(options: options)
            WorkerThread.detach { channel.work(session) }
        }
    }

    /// Decodes one packet, records its packet-level facts in `session` and queues it for its shard.
    func ingest(_ bytes: RawSpan, captureIndex: Int, time: Int64, session: inout AnalysisSession) {
        let linkType = session.linkType(ofCapture: captureIndex)
        let packet = dissector.dissect(bytes, linkType: linkType)
        guard let point = session.recordPacket(packet, captureIndex: captureIndex, time: time) else { return }
        let shard = AnalysisSession.shard(of: packet, count: channels.count)
        pending[shard].append(
            Item(packet: packet, capturePoint: point, time: time, mayHaveDuplicates: session.mayHaveDuplicates(linkType)))
        if pending[shard].count >= Self.batchSize {
            channels[shard].send(pending[shard])
            pending[shard] = channels[shard].recycled()
        }
    }

    /// Sends what is left, waits for every worker and merges the shards, in shard order.
    func finish(into session: inout AnalysisSession) {
        for (shard, channel) in channels.enumerated() {
            if !pending[shard].isEmpty { channel.send(pending[shard]) }
            pending[shard] = []
            channel.finish()
        }
        for channel in channels {
            channel.done.wait()
            if let shard = channel.result.withLock({ $0.take() }) {
                session.mergeFlows(from: shard)
            }
        }
    }
}

/// A plain POSIX thread for a worker that blocks on semaphores (not a task of the cooperative pool).
enum WorkerThread {
    static func detach(_ body: @escaping @Sendable () -> Void) {
        DispatchQueue(label: "calicap.shard").async(execute: body)
    }
}
