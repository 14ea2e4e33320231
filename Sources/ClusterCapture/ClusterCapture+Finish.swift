import Analysis
import Inputs

#if canImport(Glibc)
import Glibc
#endif

extension ClusterCapture {
    /// Ends every node's capture (SIGTERM to kubectl, SIGKILL after the grace time), analyses
    /// what was still on its way, deletes the debug pods this run made, and gives the report.
    public func finish(observer: ClusterCaptureObserver) -> ClusterCaptureOutcome {
        for stream in streams where !stream.ended { stream.requestStop() }
        drain(seconds: settings.stopGraceSeconds, observer: observer)
        if streams.contains(where: { !$0.ended }) {
            for stream in streams where !stream.ended { stream.kill() }
            drain(seconds: 2, observer: observer)
        }
        for (index, stream) in streams.enumerated() where !stream.ended {
            // Something outside kubectl's process group still holds its pipe: given up on.
            stream.ended = true
            merger.close(stream: index)
        }
        ingestReady(draining: true)
        for stream in streams where stream.interfaces == nil && stream.failure == nil {
            let state = stream.inbox.take()
            // tcpdump ran but saw nothing (its header comes with the first packet): no failure.
            if state.listening != nil { continue }
            var message = stream.errorMessage(state)
            if state.errors.isEmpty { message = "kubectl gave no capture before the end" }
            fail(stream, message: message, captured: false, observer: observer)
        }
        for stream in streams { _ = stream.process?.waitForExit(seconds: 1) }
        deleteDebugPods(observer: observer)
        return ClusterCaptureOutcome(
            result: session.result(), streamCount: streams.count, failures: failures,
            startedStreams: streams.filter { $0.interfaces != nil }.count, stopReason: stopReason ?? .streamsEnded,
            deletedPods: deletedPods, cleanupProblems: cleanupProblems)
    }

    /// Collects and analyses until every stream ended or `seconds` passed.
    func drain(seconds: Double, observer: ClusterCaptureObserver) {
        let deadline = Clock.monotonic() + Int64(seconds * 1e9)
        while streams.contains(where: { !$0.ended }) && Clock.monotonic() < deadline {
            collect(observer: observer)
            ingestReady(draining: false)
            if streams.allSatisfy(\.ended) { break }
            wake.wait(milliseconds: 50)
        }
        collect(observer: observer)
    }

    /// `kubectl delete pod` of the debug pods that appeared for the captured nodes since the
    /// captures started.
    func deleteDebugPods(observer: ClusterCaptureObserver) {
        guard let podsBefore else { return }
        let kubectl = settings.kubectl
        let after: [String]
        do {
            after = DebugPodLedger.names(inListing: try KubectlRunner.output(kubectl, kubectl.listPods, timeoutSeconds: 60))
        } catch {
            problem(
                "cannot list the debug pods to delete them (\(error.description)); delete this run's "
                    + "node-debugger-NODE-… pods by hand", observer: observer)
            return
        }
        let made = DebugPodLedger.madeByThisRun(before: podsBefore, after: after, nodes: Set(settings.nodes))
        guard !made.isEmpty else { return }
        do {
            _ = try KubectlRunner.output(kubectl, kubectl.deletePods(made), timeoutSeconds: 60)
            deletedPods = made
        } catch {
            problem("debug pods left behind: \(made.joined(separator: ", ")): \(error.description)", observer: observer)
        }
    }

    func problem(_ message: String, observer: ClusterCaptureObserver) {
        cleanupProblems.append(message)
        observer.warning(message)
    }
}
