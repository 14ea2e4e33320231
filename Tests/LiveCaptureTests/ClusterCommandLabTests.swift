import CalicapTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `calicap cluster` over the namespace lab's three nodes (crosssubnet: a and b share a subnet,
/// c is behind a router), through the stand-in kubectl (Lab/kubectl-standin.sh) that runs each
/// `kubectl debug node/NODE … -- CMD` as `ip netns exec PREFIX-NODE CMD`. Root only.
@Suite(.serialized, .enabled(if: LabEnvironment.hasLabTools && LabEnvironment.hasTcpdump, "needs root, ip, python3, tcpdump and /dev/net/tun"))
struct ClusterCommandLabTests {
    static let prefix = "cl-clu-\(getpid())"
    static let nodes = ["a", "b", "c"]

    struct Run {
        var outcome: BackgroundCommand.Ending
        var report: String
        var standardError: String
        var standIn: KubectlStandIn
        var written: String
        var manifest: LabManifest
    }

    /// Long enough for a round of the lab's traffic after every node listens, on a loaded machine
    /// (the sanitizer runs of CI): with 5 s, a slow start left the traffic's last flows outside.
    static let duration = "20"

    @Test("--duration over three nodes: the same flows and verdicts as calicap -r of their eth0 files, the lab's own carriers; Ctrl-C ends every capture and deletes every debug pod; a node refused is a warning and exit 4")
    func clusterCapture() throws {
        _ = try? LabRuns.lab(["down", Self.prefix])
        try LabRuns.lab(["up", "crosssubnet", Self.prefix])
        defer { _ = try? LabRuns.lab(["down", Self.prefix]) }
        let directory = LabEnvironment.artifacts.appendingPathComponent(Self.prefix).path
        try? FileManager.default.removeItem(atPath: directory)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let nodesFile = try Self.writeNodes(directory: directory)

        // 1. --duration, all three nodes.
        let timed = try Self.capture(
            "timed", directory: directory, nodesFile: nodesFile, arguments: ["--duration", Self.duration], interrupt: false)
        #expect(timed.outcome.status == 0, "\(timed.standardError)")
        #expect(!timed.outcome.killed)
        let live = try FlowVerdicts(report: timed.report)
        let replay = try Self.replay(timed.written, nodes: Self.nodes)
        #expect(live == replay, "cluster:\n\(live)\n-r of the files:\n\(replay)")
        try Self.checkCarriers(Report.decode(timed.report), manifest: timed.manifest)
        #expect(live.duplicatePackets > 0, "packets between two captured nodes are seen twice and counted once")
        Self.checkPodsDeleted(timed.standIn, nodes: Self.nodes)

        // 2. Ctrl-C, no duration.
        let interrupted = try Self.capture(
            "interrupted", directory: directory, nodesFile: nodesFile, arguments: [], interrupt: true)
        #expect(interrupted.outcome.status == 0, "\(interrupted.standardError)")
        #expect(!interrupted.outcome.killed, "SIGINT ended it")
        #expect(interrupted.outcome.secondsAfterInterrupt < 15)
        #expect(try FlowVerdicts(report: interrupted.report) == Self.replay(interrupted.written, nodes: Self.nodes))
        try Self.checkCarriers(Report.decode(interrupted.report), manifest: interrupted.manifest)
        Self.checkPodsDeleted(interrupted.standIn, nodes: Self.nodes)
        for node in Self.nodes {
            let pids = try ProcessRunner.run(LabEnvironment.ip, ["netns", "pids", "\(Self.prefix)-\(node)"])
            let commands = pids.standardOutput.split(separator: "\n").compactMap { pid in
                try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8)
            }
            #expect(!commands.contains { $0.hasPrefix("tcpdump") }, "node \(node)'s tcpdump ended")
        }

        // 3. Node c refused: a warning naming it with kubectl's message, a and b reported, exit 4.
        let refused = try Self.capture(
            "refused", directory: directory, nodesFile: nodesFile, arguments: ["--duration", Self.duration], interrupt: false,
            extra: ["CALICAP_STANDIN_FORBIDDEN_NODES": "c"], listening: 2)
        #expect(refused.outcome.status == 4, "\(refused.standardError)")
        #expect(refused.standardError.contains("warning: node c (eth0): capture failed: Error from server (Forbidden)"))
        #expect(try FlowVerdicts(report: refused.report) == Self.replay(refused.written, nodes: ["a", "b"]))
        let report = try Report.decode(refused.report)
        #expect(report.flows.contains { $0.mode == "direct" }, "a <> b is direct")
        Self.checkPodsDeleted(refused.standIn, nodes: ["a", "b"])
    }

    /// `kubectl get nodes -o yaml` for the lab: names, addresses, Calico's IPv4Address with prefix.
    static func writeNodes(directory: String) throws -> String {
        let topologyPath = "\(LabEnvironment.labState)/\(prefix)/topology.json"
        let topology = try JSONText.object(atPath: topologyPath)
        let nodes = try #require(topology["nodes"] as? [[String: Any]])
        var yaml = "apiVersion: v1\nkind: List\nitems:\n"
        for node in nodes {
            let name = try #require(node["name"] as? String)
            let ip = try #require(node["ip"] as? String)
            let subnet = try #require(node["subnet"] as? String)
            let prefixLength = subnet.split(separator: "/").last.map(String.init) ?? "24"
            yaml += """
                - apiVersion: v1
                  kind: Node
                  metadata:
                    name: \(name)
                    annotations:
                      projectcalico.org/IPv4Address: \(ip)/\(prefixLength)
                  status:
                    addresses:
                    - type: InternalIP
                      address: \(ip)
                    - type: Hostname
                      address: \(name)

                """
        }
        let path = directory + "/nodes.yaml"
        try yaml.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    /// Starts `calicap cluster` in the background, waits until `listening` nodes stream, runs one
    /// round of the lab's traffic, then waits for the end (or sends SIGINT).
    static func capture(
        _ name: String, directory: String, nodesFile: String, arguments: [String], interrupt: Bool,
        extra: [String: String] = [:], listening: Int = 3
    ) throws -> Run {
        let folder = directory + "/" + name
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let standIn = KubectlStandIn(
            directory: folder,
            environment: ["CALICAP_STANDIN_NETNS_PREFIX": prefix, "CALICAP_STANDIN_NODES": nodesFile].merging(extra) { $1 })
        let written = folder + "/written"
        let variables = standIn.environment.map { "\($0.key)=\($0.value)" }.sorted()
        let command = try BackgroundCommand(
            "/usr/bin/env",
            variables + [LabEnvironment.calicap, "cluster", "--kubectl", KubectlStandIn.script, "--format", "json",
                         "-w", written] + arguments,
            outputFile: URL(fileURLWithPath: folder + "/report.json"),
            errorFile: URL(fileURLWithPath: folder + "/stderr.txt"))
        defer { command.killIfRunning() }
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline && command.standardError.components(separatedBy: ": listening on eth0").count <= listening {
            if !command.isRunning { break }
            usleep(20_000)
        }
        try #require(
            command.standardError.components(separatedBy: ": listening on eth0").count == listening + 1,
            "\(name): \(listening) nodes listening: \(command.standardError)")
        usleep(200_000)
        let trafficStart = Date()
        let traffic = try LabRuns.lab(["traffic", prefix], timeout: 120)
        print(String(
            format: "ClusterCommandLab %@: nodes listening after %.2f s, traffic %.2f s", name,
            trafficStart.timeIntervalSince(command.started), Date().timeIntervalSince(trafficStart)))
        let manifest = try JSONDecoder().decode(LabManifest.self, from: Data(traffic.standardOutput.utf8))
        if interrupt {
            usleep(500_000)
            #expect(command.isRunning, "\(name): still capturing before Ctrl-C")
            command.interrupt()
        }
        let ending = command.wait(timeout: 120)
        return Run(
            outcome: ending, report: command.standardOutput, standardError: command.standardError, standIn: standIn,
            written: written, manifest: manifest)
    }

    /// `calicap -r` of the nodes' kept eth0 files.
    static func replay(_ written: String, nodes: [String]) throws -> FlowVerdicts {
        var arguments: [String] = []
        for node in nodes { arguments += ["-r", "\(written)/\(node)-eth0.pcapng"] }
        let outcome = try ProcessRunner.calicap(arguments + ["--format", "json"], timeout: 60)
        try #require(outcome.status == 0, "\(outcome)")
        return try FlowVerdicts(report: outcome.standardOutput)
    }

    /// Every flow between two nodes has the carrier the lab sent it with.
    static func checkCarriers(_ report: Report, manifest: LabManifest) throws {
        let between = manifest.flows.filter { !$0.sameNode }
        try #require(!between.isEmpty)
        for flow in between {
            let found = report.flow(flow.key)
            #expect(found?.mode == flow.carrier, "\(flow): \(found?.mode ?? "missing")")
        }
    }

    static func checkPodsDeleted(_ standIn: KubectlStandIn, nodes: [String]) {
        let created = standIn.createdPods
        #expect(created.values.sorted() == nodes.sorted(), "one debug pod per node: \(standIn.log)")
        #expect(standIn.deletedPods == Set(created.keys), "every debug pod deleted: \(standIn.log)")
        #expect(standIn.remainingPods.isEmpty)
    }
}
