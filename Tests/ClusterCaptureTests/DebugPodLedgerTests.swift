import Testing

@testable import ClusterCapture

/// Telling this run's debug pods from every other pod.
@Suite struct DebugPodLedgerTests {
    @Test(arguments: [
        ("node-debugger-w1-x7k2q", "w1"),
        ("node-debugger-ip-10-0-1-5.ec2.internal-bcdfg", "ip-10-0-1-5.ec2.internal"),
        ("node-debugger-w1-x-abc12", "w1-x"),
    ])
    func debuggedNode(name: String, node: String) {
        #expect(DebugPodLedger.debuggedNode(name) == node)
    }

    @Test(arguments: ["node-debugger-w1", "node-debugger-w1-abcd", "node-debugger-w1-ABCDE", "nginx-7d9c5-x7k2q", "node-debugger--abcde"])
    func notADebugPod(name: String) {
        #expect(DebugPodLedger.debuggedNode(name) == nil)
    }

    @Test func onlyNewDebugPodsOfTheCapturedNodes() {
        let before = ["pod/node-debugger-w1-aaaaa", "pod/web-1"]
        let after = [
            "pod/node-debugger-w1-aaaaa",  // someone's, from before
            "pod/node-debugger-w1-bbbbb",  // ours
            "pod/node-debugger-w2-ccccc",  // ours
            "pod/node-debugger-w9-ddddd",  // a node not captured
            "pod/node-debugger-w1-x-eeeee",  // node w1-x, not captured
            "pod/web-2",
        ]
        #expect(
            DebugPodLedger.madeByThisRun(before: before, after: after, nodes: ["w1", "w2"])
                == ["node-debugger-w1-bbbbb", "node-debugger-w2-ccccc"])
    }

    @Test func listingLines() {
        #expect(DebugPodLedger.names(inListing: "pod/a\r\npod/b\n\n  pod/c \n") == ["a", "b", "c"])
    }
}
