import CalicapTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `calicap cluster` with the stand-in kubectl (Tests/LiveCaptureTests/Lab/kubectl-standin.sh)
/// in file mode: each node's "capture" is a lab fixture's `NODE-eth0.pcap`, streamed through the
/// same `kubectl debug node … -- sh -c '…tcpdump…'` command line a real cluster gets. No root.
@Suite(.serialized) struct ClusterCommandCLITests {
    static let folder = "crosssubnet"
    static let nodes = ["w1", "w2", "w0"]

    static func files(_ nodes: [String]) -> [String] {
        nodes.map { Fixtures.lab(folder, "\($0)-eth0.pcap") }
    }

    /// `calicap -r` of those nodes' eth0 files.
    static func offline(_ nodes: [String], extra: [String] = [], ignoringSources: Bool = false) throws -> FlowVerdicts {
        var arguments: [String] = []
        for file in files(nodes) { arguments += ["-r", file] }
        let outcome = try ProcessRunner.calicap(arguments + ["--format", "json"] + extra)
        try #require(outcome.status == 0, "\(outcome)")
        return try FlowVerdicts(report: outcome.standardOutput, ignoringSources: ignoringSources)
    }

    static func cluster(
        _ arguments: [String], standIn: KubectlStandIn, timeout: Double = 40
    ) throws -> ProcessOutcome {
        try ProcessRunner.calicap(
            ["cluster", "--kubectl", KubectlStandIn.script] + arguments, environment: standIn.environment,
            timeout: timeout)
    }

    static func directory(_ name: String) -> String {
        TemporaryDirectory.shared.makeDirectory(name: "cluster-\(name)")
    }

    @Test("three nodes: the same flows and verdicts as calicap -r of their files; -w keeps each stream; every debug pod deleted")
    func sameAsReadingTheNodesFiles() throws {
        let directory = Self.directory("three")
        let standIn = KubectlStandIn.files(Self.folder, directory: directory)
        let written = directory + "/written"
        let outcome = try Self.cluster(["--duration", "3", "--format", "json", "-w", written], standIn: standIn)
        #expect(outcome.status == 0, "\(outcome)")
        let live = try FlowVerdicts(report: outcome.standardOutput)
        let offline = try Self.offline(Self.nodes)
        #expect(live == offline)
        #expect(live.flows.count > 20)
        #expect(live.duplicatePackets > 0, "the nodes saw some packets on two uplinks")
        for node in Self.nodes {
            #expect(outcome.standardError.contains("calicap: \(node): listening on eth0, link-type EN10MB"))
        }
        // The kept files read back give the same report.
        var arguments: [String] = []
        for node in Self.nodes { arguments += ["-r", "\(written)/\(node)-eth0.pcapng"] }
        let replay = try ProcessRunner.calicap(arguments + ["--format", "json"])
        #expect(replay.status == 0, "\(replay)")
        #expect(try FlowVerdicts(report: replay.standardOutput) == offline)
        // The report names each capture point by node and interface.
        let document = try JSONText.object(outcome.standardOutput)
        let sources = (document["captures"] as? [[String: Any]] ?? []).compactMap { $0["source"] as? String }
        #expect(Set(sources) == Set(Self.nodes.map { "\($0):eth0" }))
        // One debug pod per node, each deleted.
        let created = standIn.createdPods
        #expect(Set(created.values) == Set(Self.nodes))
        #expect(standIn.deletedPods == Set(created.keys))
        #expect(standIn.remainingPods.isEmpty)
        #expect(outcome.standardError.contains("deleted the debug pods"))
        let debugCall = try #require(standIn.calls.first { $0.hasPrefix("debug node/w1 ") })
        #expect(debugCall == "debug node/w1 --profile=sysadmin --image=nicolaka/netshoot -q -i -- sh -c "
            + "read\\ -r\\ start\\;\\ exec\\ tcpdump\\ \\\"\\$@\\\" calicap-capture -i eth0 -U -w -")
    }

    @Test("a node that may not be debugged: a warning naming it with kubectl's message, the others' report, exit 4")
    func forbiddenNode() throws {
        let directory = Self.directory("forbidden")
        let standIn = KubectlStandIn.files(
            Self.folder, directory: directory, extra: ["CALICAP_STANDIN_FORBIDDEN_NODES": "w0"])
        let outcome = try Self.cluster(["--duration", "3", "--format", "json"], standIn: standIn)
        #expect(outcome.status == 4, "\(outcome)")
        #expect(outcome.standardError.contains(
            "warning: node w0 (eth0): capture failed: Error from server (Forbidden): pods is forbidden"))
        #expect(try FlowVerdicts(report: outcome.standardOutput) == Self.offline(["w1", "w2"]))
        let document = try JSONText.object(outcome.standardOutput)
        let warnings = (document["summary"] as? [String: Any])?["warnings"] as? [String] ?? []
        #expect(warnings.contains { $0.contains("node w0 (eth0): capture failed") })
        #expect(Set(standIn.createdPods.values) == ["w1", "w2"])
        #expect(standIn.remainingPods.isEmpty)
    }

    @Test("every node failing: one warning each, no report, exit 3")
    func everyNodeFails() throws {
        let standIn = KubectlStandIn.files(
            Self.folder, directory: Self.directory("gone"), extra: ["CALICAP_STANDIN_GONE_NODES": "w0 w1 w2"])
        let outcome = try Self.cluster(["--duration", "10"], standIn: standIn)
        #expect(outcome.status == 3, "\(outcome)")
        #expect(outcome.standardOutput.isEmpty)
        for node in Self.nodes {
            #expect(outcome.standardError.contains(
                "warning: node \(node) (eth0): capture failed: Error from server (NotFound): nodes \"\(node)\" not found"))
        }
        #expect(outcome.standardError.contains("calicap: no node could be captured"))
        #expect(outcome.seconds < 9, "ends as soon as every capture failed")
    }

    @Test("a debug pod that never starts (image not pullable): a failure at the end, and its pod is deleted too")
    func stuckNode() throws {
        let standIn = KubectlStandIn.files(
            Self.folder, directory: Self.directory("stuck"), extra: ["CALICAP_STANDIN_STUCK_NODES": "w2"])
        let outcome = try Self.cluster(["--duration", "3", "--format", "json"], standIn: standIn)
        #expect(outcome.status == 4, "\(outcome)")
        #expect(outcome.standardError.contains("warning: node w2 (eth0): capture failed: kubectl gave no capture before the end"))
        #expect(try FlowVerdicts(report: outcome.standardOutput) == Self.offline(["w1", "w0"]))
        #expect(Set(standIn.createdPods.values) == Set(Self.nodes))
        #expect(standIn.deletedPods == Set(standIn.createdPods.keys))
    }

    @Test("Ctrl-C ends every capture with the report and deletes every debug pod")
    func interrupt() throws {
        let directory = Self.directory("interrupt")
        let standIn = KubectlStandIn.files(Self.folder, directory: directory)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CalicapExecutable.path)
        process.arguments = ["cluster", "--kubectl", KubectlStandIn.script, "--format", "json"]
        process.environment = ProcessInfo.processInfo.environment.merging(standIn.environment) { $1 }
        let output = directory + "/stdout"
        let errors = directory + "/stderr"
        FileManager.default.createFile(atPath: output, contents: nil)
        FileManager.default.createFile(atPath: errors, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errors))
        process.standardInput = FileHandle.nullDevice
        // Test threads block SIGINT; the child must not inherit that.
        var empty = sigset_t()
        var previous = sigset_t()
        sigemptyset(&empty)
        pthread_sigmask(SIG_SETMASK, &empty, &previous)
        try process.run()
        pthread_sigmask(SIG_SETMASK, &previous, nil)
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let deadline = Date().addingTimeInterval(20)
        func standardError() -> String { (try? String(contentsOfFile: errors, encoding: .utf8)) ?? "" }
        while Date() < deadline && standardError().components(separatedBy: "listening on").count < 4 {
            usleep(50_000)
        }
        usleep(500_000)
        #expect(process.isRunning, "still capturing: \(standardError())")
        kill(process.processIdentifier, SIGINT)
        let stopDeadline = Date().addingTimeInterval(20)
        while process.isRunning && Date() < stopDeadline { usleep(20_000) }
        #expect(!process.isRunning, "ended after SIGINT")
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(standardError())")
        let report = try String(contentsOfFile: output, encoding: .utf8)
        #expect(try FlowVerdicts(report: report) == Self.offline(Self.nodes))
        #expect(Set(standIn.createdPods.values) == Set(Self.nodes))
        #expect(standIn.deletedPods == Set(standIn.createdPods.keys))
        #expect(standIn.remainingPods.isEmpty)
        let deletion = try #require(standIn.calls.first { $0.hasPrefix("delete pod ") })
        for pod in standIn.createdPods.keys { #expect(deletion.contains(pod)) }
    }

    @Test("--context-from-cluster: nodes, pods and IP pools from kubectl, as if given with --cluster")
    func contextFromCluster() throws {
        let cluster = Fixtures.labFolder(Self.folder) + "/cluster"
        let standIn = KubectlStandIn.files(
            Self.folder, directory: Self.directory("context"),
            extra: ["CALICAP_STANDIN_PODS": cluster + "/pods-wide.txt", "CALICAP_STANDIN_IPPOOLS": cluster + "/ippools.yaml"])
        let outcome = try Self.cluster(["--duration", "3", "--format", "json", "--context-from-cluster"], standIn: standIn)
        #expect(outcome.status == 0, "\(outcome)")
        let offline = try Self.offline(
            Self.nodes,
            extra: ["--cluster", cluster + "/nodes.yaml", "--cluster", cluster + "/pods-wide.txt", "--cluster", cluster + "/ippools.yaml"],
            ignoringSources: true)
        #expect(try FlowVerdicts(report: outcome.standardOutput, ignoringSources: true) == offline)
        #expect(offline.pool.contains("\"agrees\":true"))
        #expect(offline.flows.contains { $0.contains("w2-p0") })
        let pool = try #require(try JSONText.object(outcome.standardOutput)["summary"] as? [String: Any])["pool"] as? [String: Any]
        let configured = try #require(pool?["configured"] as? [String: Any])
        #expect(configured["source"] as? String == "kubectl get ippools.crd.projectcalico.org (calicoctl IPPool)")
        #expect(standIn.calls.contains("get pods -A -o wide"))
        #expect(standIn.calls.contains("get ippools.crd.projectcalico.org -o yaml"))
        #expect(standIn.calls.filter { $0 == "get nodes -o yaml" }.count == 1, "the node listing is read once")
    }

    @Test("--context-from-cluster without Calico's CRDs: a warning with kubectl's message, and the capture goes on")
    func contextWithoutPools() throws {
        let standIn = KubectlStandIn.files(Self.folder, directory: Self.directory("nopools"))
        let outcome = try Self.cluster(["--duration", "2", "--context-from-cluster", "-c", "40"], standIn: standIn)
        #expect(outcome.status == 0, "\(outcome)")
        #expect(outcome.standardError.contains("warning: --context-from-cluster: "))
        #expect(outcome.standardError.contains("the server doesn't have a resource type \"ippools\""))
    }

    @Test("--context, --namespace, --selector, -i, the filter and --image reach kubectl; -c counts all nodes together")
    func optionsReachKubectl() throws {
        let standIn = KubectlStandIn.files(Self.folder, directory: Self.directory("options"))
        let outcome = try Self.cluster(
            ["--context", "lab-admin", "--namespace", "calicap-debug", "-l", "calico=yes", "--image", "example/tcpdump:1",
             "-c", "50", "--format", "json", "udp", "or", "ip", "proto", "4"],
            standIn: standIn)
        #expect(outcome.status == 0, "\(outcome)")
        let summary = try #require(try JSONText.object(outcome.standardOutput)["summary"] as? [String: Any])
        #expect(summary["packets"] as? Int == 50)
        let calls = standIn.calls
        #expect(calls.allSatisfy { $0.hasPrefix("--context lab-admin ") }, "\(calls)")
        #expect(calls.contains("--context lab-admin get nodes -o yaml -l calico=yes"))
        #expect(calls.contains("--context lab-admin --namespace calicap-debug get pods -o name"))
        let debug = try #require(calls.first { $0.contains(" debug node/w0 ") })
        #expect(debug.hasPrefix("--context lab-admin --namespace calicap-debug debug node/w0 --profile=sysadmin --image=example/tcpdump:1 -q -i -- "))
        #expect(debug.hasSuffix(" -i eth0 -U -w - udp\\ or\\ ip\\ proto\\ 4"))
        #expect(calls.contains { $0.hasPrefix("--context lab-admin --namespace calicap-debug delete pod node-debugger-") })
    }

    @Test("--node names the nodes (no listing); two interfaces are two debug pods per node")
    func namedNodesAndInterfaces() throws {
        let standIn = KubectlStandIn.files(Self.folder, directory: Self.directory("named"))
        let outcome = try Self.cluster(
            ["--node", "w1", "--node", "w2", "-i", "eth0", "-i", "tunl0", "--duration", "3", "--format", "json"],
            standIn: standIn)
        #expect(outcome.status == 0, "\(outcome)")
        #expect(!standIn.calls.contains { $0.hasPrefix("get nodes") })
        #expect(standIn.createdPods.count == 4)
        #expect(standIn.remainingPods.isEmpty)
        let offline = try ProcessRunner.calicap(
            ["w1", "w2"].flatMap { node in ["-r", Fixtures.lab(Self.folder, "\(node)-eth0.pcap"), "-r", Fixtures.lab(Self.folder, "\(node)-tunl0.pcap")] }
                + ["--captured-on", Fixtures.lab(Self.folder, "w1-tunl0.pcap") + "=tunl0",
                   "--captured-on", Fixtures.lab(Self.folder, "w2-tunl0.pcap") + "=tunl0",
                   "--captured-on", Fixtures.lab(Self.folder, "w1-eth0.pcap") + "=eth0",
                   "--captured-on", Fixtures.lab(Self.folder, "w2-eth0.pcap") + "=eth0", "--format", "json"])
        #expect(try FlowVerdicts(report: outcome.standardOutput) == FlowVerdicts(report: offline.standardOutput))
    }

    @Test("usage errors: exit 2 with one line", arguments: [
        (["--node", "w1", "--selector", "a=b"], "--node and --selector cannot be combined"),
        (["--duration", "0"], "--duration must be a positive number of seconds"),
        (["-c", "0"], "-c must be at least 1"),
        (["--node", "a/b"], "--node 'a/b' is not a node name"),
        (["-w", "-"], "-w takes a directory here"),
    ])
    func usageErrors(arguments: [String], message: String) throws {
        let outcome = try ProcessRunner.calicap(["cluster"] + arguments)
        #expect(outcome.status == 2, "\(outcome)")
        #expect(outcome.standardError.contains(message), "\(outcome.standardError)")
    }

    @Test("kubectl that cannot be run, a node listing refused: one line, exit 3")
    func kubectlProblems() throws {
        let missing = try ProcessRunner.calicap(["cluster", "--kubectl", "/nonexistent/kubectl"])
        #expect(missing.status == 3)
        #expect(missing.errorLines.count == 1)
        #expect(missing.standardError.contains("cannot run /nonexistent/kubectl"))
        let standIn = KubectlStandIn(
            directory: Self.directory("nolisting"), environment: ["CALICAP_STANDIN_NODES": "/nonexistent/nodes.yaml"])
        let refused = try Self.cluster([], standIn: standIn)
        #expect(refused.status == 3, "\(refused)")
        #expect(refused.standardError.contains("get nodes -o yaml failed"))
    }

    @Test("calicap --help and calicap help cluster describe the subcommand")
    func help() throws {
        let overview = try ProcessRunner.calicap(["--help"])
        #expect(overview.standardOutput.contains("cluster"))
        let help = try ProcessRunner.calicap(["help", "cluster"])
        #expect(help.status == 0)
        #expect(help.standardOutput.contains("--context-from-cluster"))
        #expect(help.standardOutput.contains("kubectl debug node/NODE"))
    }
}
