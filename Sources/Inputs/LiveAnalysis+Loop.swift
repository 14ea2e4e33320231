import Analysis
import Calico
import Capture
import CaptureFile
import Findings
import Wire

#if canImport(Glibc)
import Glibc
#endif

extension LiveAnalysis {
    /// The capture loop: packets in time order across devices, the observer's idle work between
    /// batches, until `takeSignal` returns a signal number, -c, --duration, the devices end, or
    /// the observer's output closes.
    public func run(observer: LiveAnalysisObserver, takeSignal: () -> Int32?) {
        let multiplexer = CaptureMultiplexer(captures: captures)
        started = Clock.monotonic()
        let deadline = settings.durationSeconds.map { started + Int64($0 * 1_000_000_000) }
        while stopReason == nil {
            var handled = 0
            while handled < 4096, stopReason == nil, let event = multiplexer.next() {
                switch event {
                case .packet(let device, let packet):
                    handle(packet, device: device, observer: observer)
                    handled += 1
                case .failure(_, let error):
                    warn(InputFindings.captureDeviceFailed(message: error.description), observer: observer)
                    if !multiplexer.hasOpenDevices { stopReason = .devicesGone }
                }
            }
            if stopReason != nil { break }
            if let number = takeSignal() {
                stopReason = .signal(number)
                break
            }
            let now = Clock.monotonic()
            if let deadline, now >= deadline {
                stopReason = .duration
                break
            }
            periodicWork(now: now, observer: observer)
            if handled == 0 {
                var timeout: Int64 = 100
                if let deadline { timeout = min(timeout, max(0, (deadline - now) / 1_000_000 + 1)) }
                multiplexer.wait(timeoutMilliseconds: Int32(timeout))
            }
        }
    }

    /// One packet: saved (-w), analysed, handed to the observer (-v). Nothing here allocates
    /// unless -v.
    func handle(_ packet: LivePacket, device: Int, observer: LiveAnalysisObserver) {
        let captureIndex = captureIndices[device]
        // With an inner filter the packet is judged by its innermost IP packet before anything
        // else: what it drops is neither saved (-w) nor analysed, as a kernel filter's drops.
        var judged: Dissection?
        if let innerFilter {
            guard let dissection = session.dissect(packet.bytes.bytes, captureIndex: captureIndex),
                innerFilter.matches(dissection, bytes: packet.bytes)
            else {
                session.filteredPackets += 1
                return
            }
            judged = dissection
        }
        if let sink {
            do {
                let room = try sink.write(
                    device: device, timestamp: packet.timestamp, originalLength: packet.originalLength, bytes: packet.bytes)
                if !room {
                    stopReason = .fileLimitReached
                    return
                }
            } catch {
                writerFailed(error, observer: observer)
                return
            }
        }
        guard let dissection = judged ?? session.dissect(packet.bytes.bytes, captureIndex: captureIndex) else { return }
        session.apply(dissection, captureIndex: captureIndex, time: packet.timestamp)
        processed += 1
        processedPerDevice[device] += 1
        if settings.showsPackets {
            var name = deviceNames[device]
            if captures[device].linkType.isCooked, let index = dissection.link.cooked?.interfaceIndex,
                let known = interfaceName(index)
            {
                name = known
            }
            if !observer.packet(dissection, time: packet.timestamp, device: name) { stopReason = .outputClosed }
        }
        if let count = settings.count, processed >= count { stopReason = .count }
    }

    /// Between batches: stream finished flows, flush -w, let the observer draw.
    func periodicWork(now: Int64, observer: LiveAnalysisObserver) {
        if settings.streamsFlows && now >= nextFlowScan {
            let before = Clock.monotonic()
            let flows = flowStream.takeCompleted(from: session, now: max(Clock.realtime(), 0))
            if !flows.isEmpty && !observer.completed(flows) { stopReason = .outputClosed }
            let cost = Clock.monotonic() - before
            flowScanInterval = max(250_000_000, cost * 20)
            nextFlowScan = now + flowScanInterval
        }
        if !observer.idle(self, now: now) { stopReason = .outputClosed }
        if now >= nextWriterFlush {
            nextWriterFlush = now + 1_000_000_000
            do {
                try sink?.flush()
            } catch {
                writerFailed(error, observer: observer)
            }
        }
    }

    /// Ends the capture: closes devices and the -w file, adds kernel drops to the report, and
    /// gives the report. With `--format jsonl`, `remainingFlows` are the flows not streamed yet.
    public func finish(observer: LiveAnalysisObserver) -> (outcome: LiveOutcome, remainingFlows: [AnalyzedFlow]) {
        let statistics = captures.map { $0.statistics() }
        for capture in captures { capture.close() }
        do {
            try sink?.close()
        } catch {
            writerFailed(error, observer: observer)
        }
        sink = nil
        for (index, name) in deviceNames.enumerated() {
            guard let dropped = statistics[index]?.droppedByKernel, dropped > 0 else { continue }
            session.report(InputFindings.kernelDrops(device: name, dropped: Int(clamping: dropped)))
        }
        let result = session.result()
        let remaining = settings.streamsFlows ? flowStream.takeRemaining(from: result) : []
        let outcome = LiveOutcome(
            result: result, stopReason: stopReason, deviceNames: deviceNames, processedPerDevice: processedPerDevice,
            statistics: statistics, announcedWarnings: announcedWarnings, writeFailed: writeFailed)
        return (outcome, remaining)
    }

    func writerFailed(_ error: CaptureFileWriterError, observer: LiveAnalysisObserver) {
        guard !writeFailed else { return }
        writeFailed = true
        stopReason = .writeFailed
        warn(InputFindings.captureWriteFailed(message: error.description), observer: observer)
    }

    /// A warning handed out now and kept for the report (and marked as already announced).
    func warn(_ finding: Finding, observer: LiveAnalysisObserver) {
        session.report(finding)
        announcedWarnings.insert(finding.detail)
        observer.warning(finding.detail)
    }

    /// The name of interface `index` (SLL2), looked up once.
    func interfaceName(_ index: UInt32) -> String? {
        if let known = interfaceNames[index] { return known }
        var buffer = [CChar](repeating: 0, count: Int(IF_NAMESIZE) + 1)
        guard if_indextoname(index, &buffer) != nil else { return nil }
        let name = buffer.withUnsafeBufferPointer { pointer in
            pointer.baseAddress.map { String(cString: $0) } ?? ""
        }
        if interfaceNames.count < 4096 { interfaceNames[index] = name }
        return name
    }
}
