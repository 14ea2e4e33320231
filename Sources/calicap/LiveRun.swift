import Analysis
import Calico
import Capture
import ClusterContext
import Inputs
import Report
import Wire

#if canImport(Glibc)
import Glibc
#endif

/// The terminal side of a live capture: `LiveAnalysis` (in `Inputs`) captures and analyses;
/// this prints what it hands out — packet lines (-v), flows as they finish (jsonl), a status
/// line on a terminal, warnings — and then the report and libpcap's counters.
final class LiveRun: LiveAnalysisObserver {
    let command: CaptureCommand
    private let live: LiveAnalysis
    private var packetLine: PacketLine
    private let reportDescriptor: Int32
    private let output: OutputBuffer
    private var statusLine: StatusLine?
    private var nextModeCount: Int64 = 0
    private var modes: LiveStatus.ModeCounts?
    private var lastStatusPackets = 0
    private var lastStatusTime: Int64 = 0
    private var packetsPerSecond = 0.0

    init(command: CaptureCommand, cluster: ClusterContext?) {
        self.command = command
        live = LiveAnalysis(settings: command.liveSettings(cluster: cluster))
        packetLine = PacketLine(
            timestampStyle: PacketLine.TimestampStyle(count: command.timestampFlags),
            utcOffsetSeconds: Int64(Clock.utcOffsetSeconds()))
        reportDescriptor = command.writePath == "-" ? 2 : 1
        output = OutputBuffer(descriptor: reportDescriptor)
    }

    func run() -> ExitStatus {
        var account: UserAccount?
        do {
            account = try command.user.map(UserAccount.lookup)
            try live.open { StandardStreams.error("warning: " + TerminalText.safe($0)) }
            if let account, UserAccount.isPrivileged { try account.switchTo() }
            try live.openSink()
        } catch {
            StandardStreams.error(TerminalText.safe("\(error)"))
            return .inputUnreadable
        }
        // Hold Ctrl-C and SIGTERM before saying "listening": from then on they end the capture
        // with the report, never kill it.
        let signals = StopSignals()
        signals.hold()
        for capture in live.captures {
            StandardStreams.error(
                "listening on \(TerminalText.safe(capture.device)), link-type \(capture.linkType.name), "
                    + "snapshot length \(capture.snapLength) bytes")
        }
        packetLine.showsInterface = live.captures.count > 1 || live.hasCookedDevice
        if command.analysis.format == .table && command.verbose == 0 && reportDescriptor == 1 && isatty(1) == 1 {
            statusLine = StatusLine()
        }
        lastStatusTime = Clock.monotonic()
        live.run(observer: self) { signals.take() }
        if live.stopReason == .fileLimitReached {
            StandardStreams.error("maximum file limit reached: \(command.fileCount ?? 0)")
        }
        // From here a second Ctrl-C ends the process at once.
        signals.release()
        return finish()
    }

    // MARK: - What the capture hands out

    func packet(_ dissection: Dissection, time: Int64, device: String) -> Bool {
        output.append(packetLine.render(dissection, time: time, interface: device) + "\n")
        return !output.failed
    }

    func completed(_ flows: [AnalyzedFlow]) -> Bool {
        let names = CaptureNames(captures: live.session.captureSummaries, capturePoints: live.session.capturePoints)
        for flow in flows { output.append(JSONLinesStream.line(flow, captureNames: names)) }
        return !output.failed
    }

    func idle(_ analysis: LiveAnalysis, now: Int64) -> Bool {
        guard output.flush() else { return false }
        if let statusLine, statusLine.isDue(now) { drawStatus(statusLine, session: analysis.session, now: now) }
        return true
    }

    func warning(_ message: String) {
        statusLine?.clear()
        StandardStreams.error("warning: " + TerminalText.safe(message))
    }

    private func drawStatus(_ statusLine: StatusLine, session: AnalysisSession, now: Int64) {
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
            nextModeCount = now + max(StatusLine.refreshInterval, (Clock.monotonic() - before) * 20)
        }
        let status = LiveStatus(
            devices: live.deviceNames, elapsedSeconds: (now - live.started) / 1_000_000_000, packets: session.packets,
            packetsPerSecond: packetsPerSecond, flows: session.flows.count, modes: modes)
        statusLine.draw(status.render(width: statusLine.width), now: now)
    }

    // MARK: - Ending

    private func finish() -> ExitStatus {
        let (outcome, remaining) = live.finish(observer: self)
        statusLine?.clear()
        output.flush()
        let result = outcome.result
        var text = ""
        if command.analysis.format == .jsonl {
            let names = CaptureNames(result)
            for flow in remaining { text += JSONLinesStream.line(flow, captureNames: names) }
        } else {
            text = ReportRendering.render(result, format: command.analysis.format, numeric: command.numeric > 0)
        }
        if !output.failed { StandardStreams.write(text, to: reportDescriptor) }
        for warning in result.warnings where !outcome.announcedWarnings.contains(warning) {
            StandardStreams.error("warning: " + TerminalText.safe(warning))
        }
        var statisticsText = ""
        for (index, name) in outcome.deviceNames.enumerated() {
            statisticsText += CaptureStatisticsText.lines(
                device: TerminalText.safe(name), captured: outcome.processedPerDevice[index],
                statistics: outcome.statistics[index], prefixed: outcome.deviceNames.count > 1)
        }
        StandardStreams.writeError(statisticsText)
        return result.isPartial || outcome.writeFailed ? .partialInput : .success
    }
}
