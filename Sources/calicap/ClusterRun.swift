import Analysis
import Capture
import ClusterCapture
import ClusterContext
import Report

/// The terminal side of `calicap cluster`: finds the nodes, runs `ClusterCapture` (in its own
/// target) with Ctrl-C held, prints what it hands out, then the report and the exit status.
final class ClusterRun: ClusterCaptureObserver {
    let command: ClusterCommand

    init(command: ClusterCommand) {
        self.command = command
    }

    func run() -> ExitStatus {
        let kubectl = command.kubectlInvocation
        var nodes = Self.distinct(command.nodes)
        var nodesFile: ClusterFile?
        do {
            if nodes.isEmpty {
                let listing = try ClusterInventory.nodes(kubectl, selector: command.selector)
                nodes = listing.names
                if command.selector == nil { nodesFile = listing.file }
            }
        } catch {
            StandardStreams.error(error.description)
            return .inputUnreadable
        }
        var options = AnalysisOptions(
            paths: [], podNetworks: command.analysis.podNetworks, dissect: command.analysis.dissectOptions,
            maximumFlows: command.analysis.maximumFlows)
        do {
            options.cluster = try command.analysis.loadCluster()
        } catch {
            return .usage
        }
        if command.contextFromCluster {
            let fetched = ClusterInventory.contextFiles(kubectl, nodesFile: nodesFile) { self.warning($0) }
            if !fetched.isEmpty {
                var context = options.cluster ?? ClusterContext()
                for file in fetched { context.add(file) }
                options.cluster = context
            }
        }
        let settings = ClusterCaptureSettings(
            kubectl: kubectl, nodes: nodes, interfaces: command.interfaceList, image: command.image,
            filter: command.filterExpression, durationSeconds: command.duration, count: command.count,
            writeDirectory: command.writeDirectory, analysis: options)
        // Held before any kubectl starts: from here Ctrl-C and SIGTERM end the captures in order.
        let signals = StopSignals()
        signals.hold()
        defer { signals.release() }
        let capture: ClusterCapture
        do {
            capture = try ClusterCapture(settings: settings)
            StandardStreams.error(
                "capturing on \(nodes.count) node\(nodes.count == 1 ? "" : "s") (\(TerminalText.safe(nodes.joined(separator: ", ")))), "
                    + "\(settings.interfaces.joined(separator: ", ")); Ctrl-C ends")
            try capture.start(observer: self)
        } catch {
            StandardStreams.error(error.description)
            return .inputUnreadable
        }
        capture.run(observer: self) { signals.take() }
        let outcome = capture.finish(observer: self)
        return report(outcome)
    }

    func report(_ outcome: ClusterCaptureOutcome) -> ExitStatus {
        if !outcome.deletedPods.isEmpty {
            StandardStreams.error(
                "deleted the debug pod\(outcome.deletedPods.count == 1 ? "" : "s") "
                    + TerminalText.safe(outcome.deletedPods.joined(separator: ", ")))
        }
        switch outcome.status {
        case .failed:
            StandardStreams.error("no node could be captured")
            return .inputUnreadable
        case .partial, .complete:
            var closed = false
            ReportRendering.write(outcome.result, format: command.analysis.format, numeric: command.numeric) { text in
                if !closed && !StandardStreams.write(text) { closed = true }
            }
            return outcome.status == .complete ? .success : .partialInput
        }
    }

    /// The --node names, each once.
    static func distinct(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }

    // MARK: - ClusterCaptureObserver

    func started(node: String, interface: String, detail: String) {
        StandardStreams.error("\(TerminalText.safe(node)): listening on \(TerminalText.safe(detail))")
    }

    func warning(_ message: String) {
        StandardStreams.error("warning: " + TerminalText.safe(message))
    }
}
