import Analysis
import Capture
import CaptureFile
import Wire

/// Reads capture files into an `AnalysisSession`: several files are merged by timestamp, so a
/// packet seen in two node captures is recognised as one and "who sent first" holds across files.
public enum Analyzer {
    /// Called for each analysed packet with its dissection, time (ns since the epoch) and the
    /// name of the interface it was captured on; false stops reading (the output is closed).
    public typealias PacketCallback = (Dissection, Int64, String?) -> Bool

    /// `packetLimit`: stop after that many packets (those the filter lets through), as tcpdump's
    /// `-c`. `onPacket`: see `PacketCallback`; without it the packets go straight to the session.
    /// `progress`: called every `progressInterval` packets and once at the end, with how far
    /// each file has been read (for a progress bar; it decides itself whether to draw).
    public static func run(
        _ options: AnalysisOptions, packetLimit: Int? = nil, progress: ((ReadProgress) -> Void)? = nil,
        onPacket: PacketCallback? = nil
    ) throws(AnalysisError) -> AnalysisResult {
        var readers: [CaptureFileReader] = []
        for path in options.paths {
            do {
                readers.append(try CaptureFileReader(path: path))
            } catch {
                throw .input(error.description)
            }
        }
        var session = AnalysisSession(options: options)
        var filters = FilterCache(expression: options.filter)
        try filters.validate()
        let inner = try options.innerFilter.map { expression throws(AnalysisError) in try InnerFilter(expression: expression) }
        var hint = OuterFilterHint(expression: filters.expression)
        // captureIndex[reader][interface]
        var captureIndices: [[Int]] = Array(repeating: [], count: readers.count)
        var heads: [CaptureRecord?] = readers.map { $0.next() }
        // Register every capture known before the first packet, so duplicate detection knows
        // from the start whether copies can occur.
        for (index, reader) in readers.enumerated() {
            for interface in reader.interfaces {
                captureIndices[index].append(
                    session.addCapture(source: reader.name, linkType: interface.linkType, interface: interface.name))
            }
        }
        let limit = packetLimit ?? .max
        // With several threads (and no per-packet callback or inner filter, which need each
        // packet dissected here first) the flows are kept by shard workers; this thread reads and decodes.
        let workers = options.threads > 1 && onPacket == nil && inner == nil ? ShardWorkers(options: options, count: options.threads) : nil
        var analysed = 0
        var read = 0
        func report(finished: Bool) {
            guard let progress else { return }
            progress(
                ReadProgress(
                    files: readers.indices.map { index in
                        ReadProgress.File(
                            name: readers[index].name, bytesRead: readers[index].byteOffset,
                            packets: readers[index].recordCount, finished: finished || heads[index] == nil)
                    }))
        }
        while analysed < limit {
            read += 1
            if read & (progressInterval - 1) == 0 { report(finished: false) }
            var chosen = -1
            var earliest = Timestamp(seconds: .max, nanoseconds: 0)
            for index in heads.indices {
                if let head = heads[index], chosen < 0 || head.timestamp < earliest {
                    chosen = index
                    earliest = head.timestamp
                }
            }
            guard chosen >= 0, let record = heads[chosen] else { break }
            let reader = readers[chosen]
            while captureIndices[chosen].count < reader.interfaces.count {
                let interface = reader.interfaces[captureIndices[chosen].count]
                captureIndices[chosen].append(
                    session.addCapture(source: reader.name, linkType: interface.linkType, interface: interface.name))
            }
            if captureIndices[chosen].indices.contains(record.interfaceIndex) {
                let captureIndex = captureIndices[chosen][record.interfaceIndex]
                let linkType = reader.interfaces[record.interfaceIndex].linkType
                let admitted = filters.matches(record, linkType: linkType)
                let time = record.timestamp.nanosecondsSinceEpoch
                if admitted { hint.notePassed() }
                if !admitted {
                    if hint.watching, let packet = session.dissect(record.bytes.bytes, captureIndex: captureIndex) {
                        hint.noteDropped(packet, bytes: record.bytes)
                    }
                    session.filteredPackets += 1
                } else if inner != nil || onPacket != nil {
                    // Dissected here first: judged by its innermost IP packet, or shown to the callback.
                    guard let packet = session.dissect(record.bytes.bytes, captureIndex: captureIndex) else { break }
                    if let inner, !inner.matches(packet, bytes: record.bytes) {
                        session.filteredPackets += 1
                    } else {
                        analysed += 1
                        session.apply(packet, captureIndex: captureIndex, time: time)
                        let interface = reader.interfaces[record.interfaceIndex].name ?? options.capturedOn(source: reader.name)
                        if let onPacket, !onPacket(packet, time, interface) { break }
                    }
                } else if let workers {
                    analysed += 1
                    workers.ingest(record.bytes.bytes, captureIndex: captureIndex, time: time, session: &session)
                } else {
                    analysed += 1
                    session.ingest(record.bytes.bytes, captureIndex: captureIndex, time: time)
                }
            }
            heads[chosen] = reader.next()
        }
        workers?.finish(into: &session)
        report(finished: true)
        for reader in readers {
            for warning in reader.warnings {
                session.report(
                    InputFindings.damagedCapture(source: reader.name, name: warning.name, problem: warning.description))
            }
            if reader.recordCount == 0 && reader.interfaces.isEmpty {
                session.report(InputFindings.emptyCapture(source: reader.name))
            }
        }
        if let finding = hint.finding(filteredPackets: session.filteredPackets) { session.report(finding) }
        return session.takeResult()
    }
}

/// Packets between two progress reports (a power of two).
let progressInterval = 1 << 14

extension Timestamp {
    /// Nanoseconds since the epoch, saturating at Int64's range.
    public var nanosecondsSinceEpoch: Int64 {
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        let (sum, overflowSum) = scaled.addingReportingOverflow(Int64(nanoseconds))
        return overflowSum ? .max : sum
    }
}
