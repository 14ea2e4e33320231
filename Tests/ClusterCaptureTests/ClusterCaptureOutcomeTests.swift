import Testing

@testable import ClusterCapture

/// Exit status: 3 when every capture failed, 4 when some did, 0 otherwise.
@Suite struct ClusterCaptureOutcomeTests {
    @Test(arguments: [
        (3, 0, false, ClusterCaptureOutcome.Status.complete),
        (3, 0, true, .partial),
        (3, 1, false, .partial),
        (3, 2, true, .partial),
        (3, 3, false, .failed),
        (1, 1, false, .failed),
        (0, 0, false, .failed),
    ])
    func status(streams: Int, failed: Int, partial: Bool, expected: ClusterCaptureOutcome.Status) {
        #expect(ClusterCaptureOutcome.status(streams: streams, failed: failed, partialInput: partial) == expected)
    }

    @Test func failureText() {
        let failed = NodeCaptureFailure(node: "w1", interface: "eth0", message: "Error from server (NotFound)", capturedBeforeFailing: false)
        #expect(failed.description == "node w1 (eth0): capture failed: Error from server (NotFound)")
        let ended = NodeCaptureFailure(node: "w2", interface: "tunl0", message: "EOF", capturedBeforeFailing: true)
        #expect(ended.description == "node w2 (tunl0): capture ended early: EOF")
    }

    @Test func writePaths() {
        let settings = ClusterCaptureSettings(
            kubectl: KubectlInvocation(), nodes: [], interfaces: [], image: "i", filter: nil, durationSeconds: nil,
            count: nil, writeDirectory: "out/", analysis: .init(paths: []))
        #expect(settings.writePath(node: "w1", interface: "vxlan.calico") == "out/w1-vxlan.calico.pcapng")
    }
}
