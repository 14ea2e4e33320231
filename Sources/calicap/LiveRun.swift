import Analysis
import Capture
import CaptureFile
import Report
import Wire

#if canImport(Glibc)
import Glibc
#endif

/// One live capture from start to report: opens the devices, installs the filter, drops
/// privileges, opens the -w file, then reads packets into the same `AnalysisSession` the file
/// reader uses until Ctrl-C, SIGTERM, -c, --duration or the devices end, and prints the report.
final class LiveRun {
    /// Why the capture loop ended.
    enum StopReason: Equatable {
        case signal(Int32)
        case count
        case duration
        case devicesGone
        case writeFailed
        case fileLimitReached
        case outputClosed
    }

    /// Where -w packets go: a (possibly rotating) file, or standard output.
    enum PacketSink {
        case files(RotatingCaptureWriter)
        case stream(CaptureFileWriter)
    }

    let command: CaptureCommand
    private var captures: [LiveCapture] = []
    private var deviceNames: [String] = []
    private var captureIndices: [Int] = []
    private var processedPerDevice: [Int] = []
    private var session: AnalysisSession
    private var sink: PacketSink?
    private var writeFailed = false
    private let dissector: Dissector
    private var packetLine: PacketLine
    private var interfaceNames: [UInt32: String] = [:]
    private var flowStream: FlowStream
    private let reportDescriptor: Int32
    private let output: OutputBuffer
    private var statusLine: StatusLine?
    private var printedWarnings: Set<String> = []
    private var processed = 0
    private var stopReason: StopReason?

    // Pacing of periodic work (monotonic ns).
    private var started: Int64 = 0
    private var nextFlowScan: Int64 = 0
    private var flowScanInterval: Int64 = 250_000_000
    private var nextWriterFlush: Int64 = 0
    private var nextModeCount: Int64 = 0
    private var modes: LiveStatus.ModeCounts?
    private var lastStatusPackets = 0
    private var lastStatusTime: Int64 = 0
    private var packetsPerSecond = 0.0

    init(command: CaptureCommand) {
        self.command = command
        let options = AnalysisOptions(
            paths: [], podNetworks: command.analysis.podNetworks, dissect: command.analysis.dissectOptions,
            capturedOn: nil, filter: command.filterExpression, maximumFlows: command.analysis.maximumFlows)
        session = AnalysisSession(options: options)
        dissector = Dissector(options: options.dissect)
        packetLine = PacketLine(
            timestampStyle: PacketLine.TimestampStyle(count: command.timestampFlags),
            utcOffsetSeconds: Int64(Clock.utcOffsetSeconds()))
        flowStream = FlowStream(idleTimeout: Int64(command.flowTimeout * 1_000_000_000))
        reportDescriptor = command.writePath == "-" ? 2 : 1
        output = OutputBuffer(descriptor: reportDescriptor)
    }

    // MARK: - Run

    func run() -> ExitStatus {
        var account: UserAccount?
        if let name = command.user {
            do {
                account = try UserAccount.lookup(name)
            } catch {
                StandardStreams.error(error.description)
                return .inputUnreadable
            }
        }
        guard openDevices() else { return .inputUnreadable }
        if let account, UserAccount.isPrivileged {
            do {
                try account.switchTo()
            } catch {
                StandardStreams.error(error.description)
                return .inputUnreadable
            }
        }
        guard openSink() else { return .inputUnreadable }
        // Hold Ctrl-C and SIGTERM before saying "listening": from then on they end the capture
        // with the report, never kill it.
        let signals = StopSignals()
        signals.hold()
        for (index, capture) in captures.enumerated() {
            captureIndices.append(
                session.addCapture(source: deviceNames[index], linkType: capture.linkType, interface: deviceNames[index]))
            StandardStreams.error(
                "listening on \(TerminalText.safe(capture.device)), link-type \(capture.linkType.name), "
                    + "snapshot length \(capture.snapLength) bytes")
        }
        processedPerDevice = Array(repeating: 0, count: captures.count)
        packetLine.showsInterface = captures.count > 1 || captures.contains { $0.linkType.isCooked }
        if command.analysis.format == .table && command.verbose == 0 && reportDescriptor == 1 && isatty(1) == 1 {
            statusLine = StatusLine()
        }

        capture(signals: signals)
        // From here a second Ctrl-C ends the process at once.
        signals.release()
        return finish()
    }

    /// The capture loop: packets in time order across devices, periodic work between batches.
    private func capture(signals: StopSignals) {
        let multiplexer = CaptureMultiplexer(captures: captures)
        started = Clock.monotonic()
        lastStatusTime = started
        let deadline = command.duration.map { started + Int64($0 * 1_000_000_000) }
        while stopReason == nil {
            var handled = 0
            while handled < 4096, stopReason == nil, let event = multiplexer.next() {
                switch event {
                case .packet(let device, let packet):
                    handle(packet, device: device)
                    handled += 1
                case .failure(let device, let error):
                    deviceFailed(device, error)
                    if !multiplexer.hasOpenDevices { stopReason = .devicesGone }
                }
            }
            if stopReason != nil { break }
            if let number = signals.take() {
                stopReason = .signal(number)
                break
            }
            let now = Clock.monotonic()
            if let deadline, now >= deadline {
                stopReason = .duration
                break
            }
            periodicWork(now: now)
            if handled == 0 {
                var timeout: Int64 = 100
                if let deadline { timeout = min(timeout, max(0, (deadline - now) / 1_000_000 + 1)) }
                multiplexer.wait(timeoutMilliseconds: Int32(timeout))
            }
        }
    }

    /// One packet: saved (-w), analysed, printed (-v). Nothing here allocates unless -v.
    private func handle(_ packet: LivePacket, device: Int) {
        if let sink {
            do {
                switch sink {
                case .files(let writer):
                    if try writer.write(
                        interfaceIndex: device, timestamp: packet.timestamp, originalLength: packet.originalLength,
                        bytes: packet.bytes) == .fileLimitReached
                    {
                        StandardStreams.error("maximum file limit reached: \(command.fileCount ?? 0)")
                        stopReason = .fileLimitReached
                        return
                    }
                case .stream(let writer):
                    try writer.write(
                        interfaceIndex: device, timestamp: packet.timestamp, originalLength: packet.originalLength,
                        bytes: packet.bytes)
                }
            } catch {
                writerFailed(error)
                return
            }
        }
        session.ingest(packet.bytes.bytes, captureIndex: captureIndices[device], time: packet.timestamp)
        processed += 1
        processedPerDevice[device] += 1
        if command.verbose > 0 {
            let linkType = captures[device].linkType
            let dissection = dissector.dissect(packet.bytes.bytes, linkType: linkType)
            var interface = deviceNames[device]
            if linkType.isCooked, let index = dissection.link.cooked?.interfaceIndex, let name = interfaceName(index) {
                interface = name
            }
            output.append(packetLine.render(dissection, time: packet.timestamp, interface: interface) + "\n")
            if output.failed { stopReason = .outputClosed }
        }
        if let count = command.count, processed >= count { stopReason = .count }
    }

    /// Between batches: flush lines, stream finished flows, flush -w, redraw the status line.
    private func periodicWork(now: Int64) {
        if command.analysis.format == .jsonl && now >= nextFlowScan {
            let before = Clock.monotonic()
            let flows = flowStream.takeCompleted(from: session, now: max(Clock.realtime(), 0))
            for flow in flows {
                output.append(JSONLinesStream.line(flow))
            }
            let cost = Clock.monotonic() - before
            flowScanInterval = max(250_000_000, cost * 20)
            nextFlowScan = now + flowScanInterval
        }
        if !output.flush() { stopReason = .outputClosed }
        if now >= nextWriterFlush {
            nextWriterFlush = now + 1_000_000_000
            do {
                switch sink {
                case .files(let writer): try writer.flush()
                case .stream(let writer): try writer.flush()
                case nil: break
                }
            } catch {
                writerFailed(error)
            }
        }
        if let statusLine, statusLine.isDue(now) {
            drawStatus(statusLine, now: now)
        }
    }

    private func drawStatus(_ statusLine: StatusLine, now: Int64) {
        let elapsed = now - lastStatusTime
        if elapsed > 0 {
            packetsPerSecond = Double(session.packets - lastStatusPackets) * 1e9 / Double(elapsed)
        }
        lastStatusPackets = session.packets
        lastStatusTime = now
        if now >= nextModeCount {
            // O(flows): refreshed less often when it gets expensive.
            let before = Clock.monotonic()
            modes = session.currentModeCounts()
            let cost = Clock.monotonic() - before
            nextModeCount = now + max(StatusLine.refreshInterval, cost * 20)
        }
        let status = LiveStatus(
            devices: deviceNames, elapsedSeconds: (now - started) / 1_000_000_000, packets: session.packets,
            packetsPerSecond: packetsPerSecond, flows: session.flows.count, modes: modes)
        statusLine.draw(status.render(width: statusLine.width), now: now)
    }

    // MARK: - Ending

    private func finish() -> ExitStatus {
        let statistics = captures.map { $0.statistics() }
        for capture in captures { capture.close() }
        closeSink()
        statusLine?.clear()
        output.flush()
        for (index, name) in deviceNames.enumerated() {
            guard let dropped = statistics[index]?.droppedByKernel, dropped > 0 else { continue }
            session.notices.append(
                "\(name): \(dropped) packets dropped by the kernel are not in this report (a larger -B buffer helps)")
        }
        let result = session.result()
        var text: String
        if command.analysis.format == .jsonl {
            text = ""
            for flow in flowStream.takeRemaining(from: result) {
                text += JSONLinesStream.line(flow)
            }
        } else {
            text = ReportRendering.render(result, format: command.analysis.format)
        }
        if !output.failed { StandardStreams.write(text, to: reportDescriptor) }
        for warning in result.warnings where !printedWarnings.contains(warning) {
            StandardStreams.error("warning: " + TerminalText.safe(warning))
        }
        var statisticsText = ""
        for (index, name) in deviceNames.enumerated() {
            statisticsText += CaptureStatisticsText.lines(
                device: TerminalText.safe(name), captured: processedPerDevice[index], statistics: statistics[index],
                prefixed: deviceNames.count > 1)
        }
        StandardStreams.writeError(statisticsText)
        if result.isPartial || writeFailed { return .partialInput }
        return .success
    }

    private func closeSink() {
        do {
            switch sink {
            case .files(let writer): try writer.close()
            case .stream(let writer): try writer.close()
            case nil: break
            }
        } catch {
            writerFailed(error)
        }
        sink = nil
    }

    // MARK: - Problems while capturing

    private func deviceFailed(_ device: Int, _ error: LiveCaptureError) {
        warn(error.description)
    }

    private func writerFailed(_ error: CaptureFileWriterError) {
        guard !writeFailed else { return }
        writeFailed = true
        stopReason = .writeFailed
        warn(error.description)
    }

    /// A warning printed now and kept for the report (and not printed again at the end).
    private func warn(_ message: String) {
        session.addWarning(message)
        printedWarnings.insert(message)
        statusLine?.clear()
        StandardStreams.error("warning: " + TerminalText.safe(message))
    }

    // MARK: - Setup

    /// Opens every -i device and installs the filter; false (after one error line) on failure.
    private func openDevices() -> Bool {
        var seen = Set<String>()
        var names: [String] = []
        for requested in command.interfaces {
            let name = resolve(requested)
            if seen.insert(name).inserted { names.append(name) }
        }
        let classic = command.writesClassicPcap
        let options = LiveCaptureOptions(
            snapLength: command.snapLength == 0 ? LiveCaptureOptions.defaultSnapLength : command.snapLength,
            promiscuous: !command.noPromiscuousMode,
            bufferSize: (command.bufferSizeKiB ?? CaptureCommand.defaultBufferKiB) * 1024,
            immediate: command.immediate || (command.verbose > 0 && isatty(reportDescriptor) == 1),
            timeoutMilliseconds: 100,
            nanosecondTimestamps: !classic)
        for name in names {
            do {
                let capture = try LiveCapture(device: name, options: options)
                if let expression = command.filterExpression {
                    try capture.setFilter(expression)
                }
                for warning in capture.warnings {
                    StandardStreams.error("warning: " + TerminalText.safe(warning))
                }
                captures.append(capture)
                deviceNames.append(name)
            } catch {
                var message = TerminalText.safe(error.description)
                if case .filter = error, names.count > 1 { message = "\(TerminalText.safe(name)): " + message }
                StandardStreams.error(message)
                for capture in captures { capture.close() }
                captures = []
                return false
            }
        }
        return true
    }

    /// tcpdump's `-i N`: a number that names no device is the N-th device of -D.
    private func resolve(_ name: String) -> String {
        guard let number = Int(name), number >= 1, if_nametoindex(name) == 0 else { return name }
        guard let interfaces = try? Interfaces.list(), number <= interfaces.count else { return name }
        return interfaces[number - 1].name
    }

    /// Opens the -w file (after privileges were dropped); false (after one error line) on failure.
    private func openSink() -> Bool {
        guard let path = command.writePath else { return true }
        let format: CaptureFileWriterFormat = command.writesClassicPcap ? .pcap(nanosecond: false) : .pcapng
        let interfaces = captures.enumerated().map { index, capture in
            CaptureInterface(
                linkType: capture.linkType, snapLength: capture.snapLength, name: deviceNames[index],
                timestampResolution: command.writesClassicPcap ? 6 : 9)
        }
        let application = "calicap \(Calicap.version)"
        let flushEach = command.packetBuffered || command.immediate
        do {
            if path == "-" {
                let writer = try CaptureFileWriter(
                    fileDescriptor: 1, name: "stdout", ownsDescriptor: false, format: format, interfaces: interfaces,
                    application: application)
                writer.flushesEachRecord = flushEach
                sink = .stream(writer)
            } else {
                let rotation = CaptureFileWriterRotation(
                    fileSizeLimit: command.fileSize.flatMap { ByteSize($0)?.bytes },
                    intervalSeconds: command.rotateSeconds.map { Int64($0) }, fileCount: command.fileCount)
                let writer = try RotatingCaptureWriter(
                    pattern: path, format: format, interfaces: interfaces, rotation: rotation, application: application,
                    startSeconds: Clock.realtime() / 1_000_000_000, utcOffsetSeconds: Clock.utcOffsetSeconds())
                writer.flushesEachRecord = flushEach
                sink = .files(writer)
            }
        } catch {
            StandardStreams.error(TerminalText.safe(error.description))
            return false
        }
        return true
    }

    // MARK: - Helpers

    /// The name of interface `index` (SLL2), looked up once.
    private func interfaceName(_ index: UInt32) -> String? {
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
