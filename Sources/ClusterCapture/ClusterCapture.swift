import Analysis
import CaptureFile
import Inputs

#if canImport(Glibc)
import Glibc
#endif

/// `calicap cluster` without a terminal: one `kubectl debug node` capture per node and
/// interface, their pcap streams read as they arrive and analysed together in time order as one
/// capture set (the same `AnalysisSession` `calicap -r` of the nodes' files uses, so a packet
/// seen on two nodes is counted once), until a signal, --duration, -c or the streams end; then
/// every capture is ended and the debug pods this run made are deleted (`finish`).
public final class ClusterCapture {
    public let settings: ClusterCaptureSettings
    public internal(set) var session: AnalysisSession
    var streams: [NodeStream] = []
    var merger: StreamMerger
    let wake: WakePipe
    var analysed = 0
    public internal(set) var stopReason: ClusterStopReason?
    /// The debug namespace's pods before the captures started; nil when they could not be listed.
    var podsBefore: [String]?
    var failures: [NodeCaptureFailure] = []
    var cleanupProblems: [String] = []
    var deletedPods: [String] = []
    var writeWarned = Set<Int>()

    public init(settings: ClusterCaptureSettings) throws(ClusterCaptureError) {
        self.settings = settings
        session = AnalysisSession(options: settings.analysis)
        wake = try WakePipe()
        merger = StreamMerger(
            streams: settings.nodes.count * settings.interfaces.count, holdNanoseconds: settings.holdNanoseconds)
    }

    /// Makes the -w directory, lists the debug namespace's pods, and starts every node's capture.
    /// Throws when kubectl cannot be run at all or the directory cannot be made.
    public func start(observer: ClusterCaptureObserver) throws(ClusterCaptureError) {
        if let directory = settings.writeDirectory { try Self.makeDirectory(directory) }
        let kubectl = settings.kubectl
        let listing = try KubectlRunner.run(kubectl, kubectl.listPods, timeoutSeconds: 60)
        if listing.status.succeeded && !listing.timedOut {
            podsBefore = DebugPodLedger.names(inListing: listing.output)
        } else {
            let message = listing.timedOut ? "no answer" : KubectlMessage.summary(listing.errors, status: listing.status)
            cleanupProblems.append(
                "cannot list the pods of the debug namespace (\(message)): the debug pods this run makes cannot be told "
                    + "from others and are not deleted; delete the node-debugger-NODE-… pods by hand")
            observer.warning(cleanupProblems[cleanupProblems.count - 1])
        }
        for node in settings.nodes {
            for interface in settings.interfaces {
                let stream = NodeStream(
                    node: node, interface: interface,
                    arguments: kubectl.debug(node: node, interface: interface, image: settings.image, filter: settings.filter),
                    writePath: settings.writePath(node: node, interface: interface),
                    wakeDescriptor: wake.writeDescriptor)
                streams.append(stream)
                try stream.start(executable: kubectl.executable)
            }
        }
    }

    /// The capture loop: until `takeSignal` gives a signal number, --duration, -c, or every
    /// stream ended.
    public func run(observer: ClusterCaptureObserver, takeSignal: () -> Int32?) {
        let deadline = settings.durationSeconds.map { Clock.monotonic() + Int64($0 * 1e9) }
        while stopReason == nil {
            collect(observer: observer)
            ingestReady(draining: false)
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
            if streams.allSatisfy(\.ended) {
                stopReason = .streamsEnded
                break
            }
            var timeout: Int64 = 100
            if let deadline { timeout = min(timeout, (deadline - now) / 1_000_000 + 1) }
            if merger.waiting > 0 { timeout = min(timeout, 20) }
            wake.wait(milliseconds: Int32(timeout))
        }
    }

    // MARK: - Streams to the session

    /// Takes what every stream's readers handed over: registers a stream's capture when its
    /// header arrived, queues its packets, and notes a stream's end (a failure unless asked for).
    func collect(observer: ClusterCaptureObserver) {
        let now = Clock.monotonic()
        for (index, stream) in streams.enumerated() where !stream.ended {
            let state = stream.inbox.take()
            if let interfaces = state.interfaces, interfaces.count > stream.captureIndices.count {
                for interface in interfaces[stream.captureIndices.count...] {
                    stream.captureIndices.append(
                        session.addCapture(source: stream.source, linkType: interface.linkType, interface: interface.name))
                }
                if !stream.announced, let first = interfaces.first {
                    stream.announced = true
                    observer.started(
                        node: stream.node, interface: stream.interface,
                        detail: "\(stream.interface), link-type \(first.linkType.name), snapshot length \(first.snapLength) bytes")
                }
                stream.interfaces = interfaces
            }
            if !stream.announced, let listening = state.listening {
                stream.announced = true
                observer.started(node: stream.node, interface: stream.interface, detail: listening)
            }
            for var packet in state.packets {
                packet.arrived = now
                merger.add(packet, stream: index)
            }
            if let problem = state.writeError, writeWarned.insert(index).inserted {
                let finding = InputFindings.captureWriteFailed(message: "\(stream.source): \(problem)")
                session.report(finding)
                observer.warning(finding.detail)
            }
            if state.readerDone { end(stream, index: index, state: state, observer: observer) }
        }
    }

    /// A stream's reader is done: waits briefly for kubectl to exit and its stderr to close, then
    /// tells a failure from a clean end.
    func end(_ stream: NodeStream, index: Int, state: StreamInbox.State, observer: ClusterCaptureObserver) {
        stream.ended = true
        merger.close(stream: index)
        let deadline = Clock.monotonic() + 2_000_000_000
        while Clock.monotonic() < deadline {
            let errorsDone = stream.inbox.withState { $0.errorsDone }
            if errorsDone && (stream.process?.hasExited() ?? true) { break }
            usleep(10_000)
        }
        let final = stream.inbox.take()
        for var packet in final.packets {
            packet.arrived = Clock.monotonic()
            merger.add(packet, stream: index)
        }
        guard !stream.stopRequested else { return }
        let status = stream.process?.exitStatus
        if stream.interfaces == nil && final.listening == nil {
            var message = stream.errorMessage(final)
            if final.errors.isEmpty, let problem = final.openError { message = problem + (status.map { ", kubectl ended with \($0)" } ?? "") }
            fail(stream, message: message, captured: false, observer: observer)
            return
        }
        for warning in final.readerWarnings {
            session.report(
                InputFindings.damagedCapture(source: stream.source, name: warning.name, problem: warning.description))
        }
        if let status, !status.succeeded {
            fail(stream, message: stream.errorMessage(final), captured: true, observer: observer)
        }
    }

    func fail(_ stream: NodeStream, message: String, captured: Bool, observer: ClusterCaptureObserver) {
        guard stream.failure == nil else { return }
        stream.failure = message
        let failure = NodeCaptureFailure(
            node: stream.node, interface: stream.interface, message: message, capturedBeforeFailing: captured)
        failures.append(failure)
        session.report(InputFindings.captureDeviceFailed(message: failure.description))
        observer.warning(failure.description)
    }

    /// Analyses the packets the merger lets go, in time order, up to -c.
    func ingestReady(draining: Bool) {
        let now = Clock.monotonic()
        while !(settings.count.map { analysed >= $0 } ?? false), let (index, packet) = merger.next(now: now, draining: draining) {
            let indices = streams[index].captureIndices
            guard indices.indices.contains(packet.interfaceIndex) else { continue }
            packet.bytes.withUnsafeBytes { bytes in
                session.ingest(bytes.bytes, captureIndex: indices[packet.interfaceIndex], time: packet.time)
            }
            analysed += 1
        }
        if let count = settings.count, analysed >= count, stopReason == nil { stopReason = .count }
    }

    static func makeDirectory(_ path: String) throws(ClusterCaptureError) {
        if mkdir(path, 0o777) == 0 { return }
        let code = errno
        var status = stat()
        if code == EEXIST, stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR { return }
        throw .cannotCreateDirectory(
            path: path, reason: code == EEXIST ? "it exists and is not a directory" : ChildProcess.describe(code))
    }
}
