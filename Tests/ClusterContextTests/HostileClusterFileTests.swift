import ClusterContext
import Foundation
import Testing

/// Files built to hurt the loader: it must answer with a `ClusterFileError` or a result, never crash.
@Suite struct HostileClusterFileTests {
    static func outcome(_ contents: String) -> Result<ClusterFile, ClusterFileError> {
        Result { () throws(ClusterFileError) in try ClusterContextLoader.load(contents: contents, name: "hostile") }
    }

    @Test(arguments: [
        String(repeating: "[", count: 100_000),
        String(repeating: "{a: ", count: 50_000),
        String(repeating: "- ", count: 60_000) + "x\n",
        "{\"items\": " + String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000) + "}",
    ])
    func deepNestingIsRefused(contents: String) {
        guard case .failure(let error) = Self.outcome(contents) else {
            Issue.record("accepted")
            return
        }
        #expect(error.line == 1)
        #expect(error.description.contains("nested more than 512 levels deep"))
    }

    @Test func deepButAcceptedNestingStillParses() {
        // 300 block levels and 500 flow levels: under both limits (libyaml stops at 1000 in all).
        var yaml = ""
        for level in 0..<300 {
            yaml += String(repeating: " ", count: level) + "k:\n"
        }
        yaml += String(repeating: " ", count: 300) + String(repeating: "[", count: 500) + String(repeating: "]", count: 500) + "\n"
        guard case .failure(let error) = Self.outcome(yaml) else {
            Issue.record("a mapping of no kind was accepted")
            return
        }
        #expect(error.problem == .unrecognised(found: "no kind"))
    }

    @Test func libyamlNestingLimitIsASyntaxError() {
        var yaml = ""
        // 1010 block levels in 1010 columns: under this loader's limit, over libyaml's.
        for level in 0..<1010 {
            yaml += String(repeating: " ", count: level) + "k:\n"
        }
        guard case .failure(let error) = Self.outcome(yaml) else {
            Issue.record("accepted")
            return
        }
        #expect(error.description.hasPrefix("hostile: line "))
        #expect(error.description.contains("not valid YAML (Maximum nesting level reached"))
    }

    @Test func aliasBombIsRefused() {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            let previous = Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ")
            yaml += "a\(level): &a\(level) [\(previous)]\n"
        }
        yaml += "kind: Pod\napiVersion: v1\n"
        guard case .failure(let error) = Self.outcome(yaml) else {
            Issue.record("accepted")
            return
        }
        #expect(error.description.contains("more than 2000000 values"))
    }

    /// A large cluster: merging stays linear (20 000 pods listed twice, 2 000 nodes).
    @Test func largeClusterMerges() throws {
        var table = "NAMESPACE   NAME   READY   STATUS   RESTARTS   AGE   IP   NODE   NOMINATED NODE   READINESS GATES\n"
        for index in 0..<20_000 {
            table += "ns\(index % 50)   pod-\(index)   1/1   Running   0   1d   10.\(index / 65536).\(index / 256 % 256).\(index % 256)   "
                + "node-\(index % 2_000)   <none>   <none>\n"
        }
        var nodes = "apiVersion: v1\nkind: List\nitems:\n"
        for index in 0..<2_000 {
            nodes += "- {apiVersion: v1, kind: Node, metadata: {name: node-\(index)}, "
                + "status: {addresses: [{type: InternalIP, address: 192.168.\(index / 256).\(index % 256)}]}}\n"
        }
        let tableFile = try ClusterContextLoader.load(contents: table, name: "pods.txt")
        let nodeFile = try ClusterContextLoader.load(contents: nodes, name: "nodes.yaml")
        let context = ClusterContext(files: [tableFile, nodeFile, tableFile])
        #expect(context.pods.count == 20_000)
        #expect(context.nodes.count == 2_000)
        #expect(context.node(hostingPodAt: ClusterFixtures.address("10.0.78.31"))?.name == "node-1999")
    }

    /// Every line-prefix and many byte-prefixes of every fixture: loads or fails cleanly.
    @Test(arguments: ClusterFixtures.labFiles)
    func truncatedFixtures(file: String) throws {
        let text = try String(contentsOfFile: ClusterFixtures.lab("dualstack-vxlan-crosssubnet", file), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for count in 0...lines.count {
            _ = Self.outcome(lines.prefix(count).joined(separator: "\n"))
        }
        let bytes = Array(text.utf8)
        for cut in stride(from: 0, to: bytes.count, by: 7) {
            _ = Self.outcome(String(decoding: bytes.prefix(cut), as: UTF8.self))
        }
    }

    /// Fixtures with bytes replaced at random (a fixed seed): loads or fails cleanly.
    @Test func mutatedFixtures() throws {
        var generator = SplitMix(seed: 0xC0FFEE)
        let paths = ClusterFixtures.labFiles.map { ClusterFixtures.lab("crosssubnet", $0) }
            + ["calicoctl-nodes.yaml", "calicoctl-node-w3.json", "crd-ippools.yaml", "pods.yaml"].map(ClusterFixtures.cluster)
        let replacements = Array("\n\t :-[]{}\"'&*!|>%@`#,?0/.x\u{7f}".utf8)
        for path in paths {
            let original = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            for _ in 0..<150 {
                var bytes = original
                for _ in 0..<Int.random(in: 1...8, using: &generator) {
                    let index = Int.random(in: 0..<bytes.count, using: &generator)
                    bytes[index] = replacements.randomElement(using: &generator) ?? 0
                }
                _ = Result { () throws(ClusterFileError) in
                    try ClusterContextLoader.load(data: Data(bytes), name: "mutated")
                }
            }
        }
    }
}

/// A small seeded generator, so that a failure can be replayed.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
