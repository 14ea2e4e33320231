import Foundation
import Testing

/// `calicap verify` over the lab captures: each scenario's expectations pass (0), each failing
/// file fails for its reason (1), invalid files and names without cluster files are usage
/// errors (2), unreadable captures and captures with no pod traffic are exit 3.
@Suite("calicap verify: exit codes over the lab captures")
struct VerifyExitCodeTests {
    typealias Run = VerifyRunner

    @Test("each scenario's expectations hold: exit 0", arguments: [
        // Direct pools: one node's uplink cannot tell Never from CrossSubnet (its pairs across
        // subnets are not all in it); the uplinks of all nodes can.
        ("ipip", "w1-eth0.pcap"), ("vxlan", "w1-eth0.pcap"), ("direct", "w1-eth0.pcap w2-eth0.pcap w0-eth0.pcap"),
        ("direct-rkp", "w1-eth0.pcap w2-eth0.pcap w0-eth0.pcap"),
        ("crosssubnet", "w1-eth0.pcap"), ("vxlan-crosssubnet", "w1-eth0.pcap"), ("wireguard", "w1-any.pcap"),
        ("dualstack-vxlan-crosssubnet", "w1-eth0.pcap"),
    ])
    func passes(scenario: String, capture: String) throws {
        let captures = capture.split(separator: " ").map { Run.lab(scenario, String($0)) }
        let outcome = try Run.run(["verify", "--expect", Run.expectations("\(scenario)-pass")] + captures)
        #expect(outcome.status == 0, "\(outcome.standardOutput)\(outcome.standardError)")
        #expect(outcome.standardOutput.contains("Result: PASS"))
        #expect(!outcome.standardOutput.contains("FAIL "))
    }

    @Test("failing files fail for their reason: exit 1, exactly the expected expectations failed", arguments: [
        ("crosssubnet-fail-mode", "crosssubnet", ["flows[1]"], "12 of 12 flows were not ipip"),
        ("ipip-fail-pool", "ipip", ["pool.ipipMode"], "observed ipipMode Always"),
        ("direct-fail-unanswered", "direct", ["require.unanswered"], "12 of 36 pod-to-pod flows unanswered"),
        ("ipip-fail-few-flows", "ipip", ["flows[0]", "require.minPodFlows"], "4 flows matched, at least 10 expected"),
        ("direct-fail-finding", "direct", ["require.findings.forbid"], "forbidden findings present: unanswered-pod-flows"),
        ("wireguard-fail-direct", "direct", ["require.forbidModes"], "36 of 36 pod-to-pod flows in a forbidden mode"),
    ])
    func fails(file: String, scenario: String, failing: [String], summary: String) throws {
        let outcome = try Run.run(["verify", "--expect", Run.expectations(file), "--format", "json", Run.lab(scenario)])
        #expect(outcome.status == 1, "\(outcome.standardError)")
        let document = try Run.json(outcome.standardOutput)
        let results = try #require(document["results"] as? [[String: Any]])
        let failed = results.filter { $0["status"] as? String == "fail" }
        #expect(failed.compactMap { $0["id"] as? String } == failing)
        #expect(failed.contains { ($0["summary"] as? String)?.contains(summary) == true })
        #expect(document["passed"] as? Bool == false)
    }

    @Test("the pool of a tunl0-only capture cannot be told: exit 1, said so")
    func poolCannotBeTold() throws {
        let outcome = try Run.run(["verify", "--expect-pool", "ipipMode=Always", Run.lab("ipip", "w1-tunl0.pcap")])
        #expect(outcome.status == 1)
        #expect(outcome.standardOutput.contains("the capture cannot tell ipipMode"))
    }

    @Test("short forms: pass on ipip (0), fail on crosssubnet (1)")
    func shortForms() throws {
        let options = ["--expect-mode", "ipip", "--expect-pool", "ipipMode=Always,vxlanMode=Never", "--min-pod-flows", "40", "--no-unanswered"]
        let pass = try Run.run(["verify"] + options + [Run.lab("ipip")])
        #expect(pass.status == 0, "\(pass.standardOutput)")
        let fail = try Run.run(["verify"] + options + [Run.lab("crosssubnet")])
        #expect(fail.status == 1)
        #expect(fail.standardOutput.contains("FAIL  pool.ipipMode") && fail.standardOutput.contains("FAIL  flows[0]"))
    }

    @Test("invalid expectations: exit 2, one line with the file, the line and the reason", arguments: [
        ("invalid-mode", 4, "'mode' must be one of"),
        ("invalid-syntax", 2, "not valid YAML"),
        ("invalid-key", 5, "unknown key 'minflows'"),
        ("needs-cluster", 2, "pod names need a pods file"),
    ])
    func invalid(file: String, line: Int, reason: String) throws {
        let path = Run.expectations(file)
        let outcome = try Run.run(["verify", "--expect", path, Run.lab("ipip")])
        #expect(outcome.status == 2)
        #expect(outcome.standardOutput.isEmpty)
        let lines = outcome.standardError.split(separator: "\n")
        #expect(lines.count == 1, "\(outcome.standardError)")
        #expect(lines.first?.hasPrefix("calicap: \(path):\(line): ") == true, "\(outcome.standardError)")
        #expect(outcome.standardError.contains(reason))
    }

    @Test("usage errors: exit 2", arguments: [
        ["verify", "FILE"],
        ["verify", "--expect", "/nonexistent/expect.yaml", "FILE"],
        ["verify", "--expect-mode", "ipip"],
        ["verify", "--expect-mode", "tunnel", "FILE"],
        ["verify", "--expect-pool", "ipipMode=Sometimes", "FILE"],
        ["verify", "--expect-mode", "ipip", "--duration", "5", "FILE"],
        ["verify", "--expect-mode", "ipip", "-i", "eth0", "FILE"],
        ["verify", "--expect-mode", "ipip", "--format", "xml", "FILE"],
        ["verify", "--expect-mode", "ipip", "--cluster", "/nonexistent/pods.txt", "FILE"],
    ])
    func usage(arguments: [String]) throws {
        let outcome = try Run.run(arguments.map { $0 == "FILE" ? Run.lab("ipip") : $0 })
        #expect(outcome.status == 2, "\(outcome.standardError)")
        #expect(!outcome.crashed)
    }

    /// Names with the cluster's files: pods by name, nodes by name (the example passes);
    /// a node selector without a nodes file, or a bad cluster file, is a usage error.
    @Test("pod and node names resolve through --cluster files")
    func namesThroughClusterFiles() throws {
        let cluster = Run.repository.appendingPathComponent("Fixtures/lab/crosssubnet/cluster").path
        let files = ["nodes.yaml", "pods-wide.txt", "ippools.yaml"].flatMap { ["--cluster", "\(cluster)/\($0)"] }
        let outcome = try Run.run(
            ["verify", "--expect", Run.expectations("crosssubnet-names-pass")] + files + [Run.lab("crosssubnet")])
        #expect(outcome.status == 0, "\(outcome.standardOutput)\(outcome.standardError)")
        #expect(outcome.standardOutput.contains("default/w1-p0 → default/w0-p0"))
        // Without the nodes file, node:w1 cannot be resolved: a usage error naming what is missing.
        let podsOnly = try Run.run(
            ["verify", "--expect", Run.expectations("crosssubnet-names-pass"), "--cluster", "\(cluster)/pods-wide.txt",
             Run.lab("crosssubnet")])
        #expect(podsOnly.status == 2)
        #expect(podsOnly.standardError.contains("--cluster"))
        let bad = try Run.run(
            ["verify", "--expect", Run.expectations("ipip-pass"), "--cluster", Run.expectations("invalid-syntax"),
             Run.lab("ipip")])
        #expect(bad.status == 2)
        #expect(bad.standardError.split(separator: "\n").count == 1)
    }

    @Test("captures that cannot be read: exit 3, one line", arguments: ["/nonexistent/trace.pcap", "README.md", "Fixtures"])
    func unreadable(path: String) throws {
        let full = path.hasPrefix("/") ? path : Run.repository.appendingPathComponent(path).path
        let outcome = try Run.run(["verify", "--expect", Run.expectations("ipip-pass"), full])
        #expect(outcome.status == 3)
        #expect(outcome.standardOutput.isEmpty)
        #expect(outcome.standardError.split(separator: "\n").count == 1, "\(outcome.standardError)")
    }

    @Test("a capture with no pod traffic is never a silent pass: exit 3")
    func noPodTraffic() throws {
        // WireGuard on eth0: only the encrypted node-to-node sessions are visible.
        let outcome = try Run.run(["verify", "--expect-mode", "wireguard", Run.lab("wireguard", "w1-eth0.pcap")])
        #expect(outcome.status == 3)
        #expect(outcome.standardError.contains("no pod traffic to judge"))
        #expect(outcome.standardError.contains("WireGuard hides the pod flows"))
    }
}
