import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// calicap against real kernel traffic: a Calico-like cluster in network namespaces
/// (Lab/lab.sh: three nodes, two pods each, Calico's cali veths, proxy ARP and /32 routes)
/// carrying pod traffic directly, over kernel VXLAN, over IP-in-IP (a TUN tunl0 with a
/// userspace forwarder: this kernel has no ipip module), or CrossSubnet.
///
/// Each mode's lab is brought up once; every capture of that mode runs on node a at the same
/// time during one round of traffic (Lab/traffic.py: ICMP, TCP and UDP between every ordered
/// pod pair across nodes and one same-node pair, with fixed client ports), then each capture
/// gets SIGINT. The flow manifest the traffic generator writes is the ground truth.
///
/// Two kinds of capture:
/// - `tcpdump -i IF -w FILE` then `calicap -r FILE --format json` (works today);
/// - live `calicap -i IF --format json -w FILE.pcapng`, then `calicap -r FILE.pcapng` — only
///   when `calicap capture --help` (or `analyze --help`) offers `--interface`;
///   CALICAP_LAB_LIVE=1 forces them on, =0 off.
///
/// Direct and CrossSubnet runs pass `--pod-cidr 10.66.0.0/16`: plain pod packets on an uplink
/// cannot tell calicap which addresses are pods. The tunnel modes run without it.
///
/// Root only (namespaces, raw sockets, capture); CI runs as root. Artifacts of the last run:
/// /tmp/calicap-lab-artifacts/<prefix>/.
@Suite(.serialized, .enabled(if: LabEnvironment.hasLabTools, "needs root, ip, python3 and /dev/net/tun"))
struct NamespaceLabTests {
    static let tunnelModes: [LabMode] = [.vxlan, .ipip]
    static let liveEnabled = LabEnvironment.liveCaptureAvailable
    static let tcpdumpEnabled = LabEnvironment.hasTcpdump

    // MARK: - The lab itself

    @Test("lab: fast bring-up, every generated flow answered", arguments: LabMode.allCases)
    func labBringsUpAndCarriesTraffic(mode: LabMode) throws {
        let run = try LabRuns.shared.run(mode)
        let bringUp = run.bringUpSeconds, total = run.totalSeconds, flows = run.manifest.flows
        #expect(bringUp < 5, "bring-up took \(bringUp) s")
        // 6 pods on 3 nodes: 24 ordered cross-node pairs + 1 same-node pair, 3 protocols each.
        #expect(flows.count == 75)
        let unanswered = run.manifest.flows.filter { !$0.answered }
        #expect(unanswered.isEmpty, "unanswered in the lab itself: \(unanswered.map(\.description))")
        #expect(flows.filter { $0.sameNode }.allSatisfy { $0.carrier == "local" })
        #expect(total < 30, "the \(mode) run took \(total) s")
    }

    // MARK: - tcpdump + calicap -r

    @Test("tcpdump -i eth0 → calicap -r: each flow's carrier, answered, outer = node IPs",
          .enabled(if: tcpdumpEnabled), arguments: LabMode.allCases)
    func uplinkViaTcpdump(mode: LabMode) throws {
        let run = try LabRuns.shared.run(mode)
        let outcome = try capture(run, .tcpdump, "eth0")
        try checkCapturer(outcome)
        try checkUplink(run, outcome.report, outcome.reportProblem)
    }

    @Test("tcpdump -i tunl0 / vxlan.calico → calicap -r: carrier without outer headers",
          .enabled(if: tcpdumpEnabled), arguments: tunnelModes)
    func tunnelDeviceViaTcpdump(mode: LabMode) throws {
        let run = try LabRuns.shared.run(mode)
        let tunnel = mode.tunnelDevice
        let device = try #require(tunnel)
        let outcome = try capture(run, .tcpdump, device)
        try checkCapturer(outcome)
        try checkTunnelDevice(run, outcome.report, outcome.reportProblem,
                              uplink: run.outcome(.tcpdump, "eth0")?.report)
    }

    @Test("tcpdump -i eth0 and -i tunl0 → calicap -r both: each packet counted once",
          .enabled(if: tcpdumpEnabled))
    func uplinkAndTunl0ViaTcpdump() throws {
        let run = try LabRuns.shared.run(.ipip)
        let outcome = try capture(run, .tcpdump, "eth0", "tunl0")
        try checkCapturer(outcome)
        try checkUplinkPlusTunnel(run, outcome.report, outcome.reportProblem,
                                  uplink: run.outcome(.tcpdump, "eth0")?.report)
    }

    @Test("tcpdump -i any → calicap -r: cross-node flows have their carrier, the same-node pair is local",
          .enabled(if: tcpdumpEnabled), arguments: LabMode.allCases)
    func anyViaTcpdump(mode: LabMode) throws {
        let run = try LabRuns.shared.run(mode)
        let outcome = try capture(run, .tcpdump, "any")
        try checkCapturer(outcome)
        try checkAny(run, outcome.report, outcome.reportProblem, uplink: run.outcome(.tcpdump, "eth0")?.report)
    }

    // MARK: - live calicap -i

    @Test("calicap -i eth0 (live): carriers, and calicap -r of its -w file agrees",
          .enabled(if: liveEnabled), arguments: LabMode.allCases)
    func uplinkLive(mode: LabMode) throws {
        let run = try LabRuns.shared.run(mode)
        let outcome = try capture(run, .live, "eth0")
        try checkCapturer(outcome)
        try checkUplink(run, outcome.report, outcome.reportProblem)
        try checkReplay(outcome, interfaces: ["eth0"])
        checkAgreesWithTcpdump(run, outcome)
    }

    @Test("calicap -i tunl0 / -i vxlan.calico (live): carrier without outer headers",
          .enabled(if: liveEnabled), arguments: tunnelModes)
    func tunnelDeviceLive(mode: LabMode) throws {
        let run = try LabRuns.shared.run(mode)
        let tunnel = mode.tunnelDevice
        let device = try #require(tunnel)
        let outcome = try capture(run, .live, device)
        try checkCapturer(outcome)
        try checkTunnelDevice(run, outcome.report, outcome.reportProblem,
                              uplink: run.outcome(.live, "eth0")?.report)
        try checkReplay(outcome, interfaces: [device])
        checkAgreesWithTcpdump(run, outcome)
    }

    @Test("calicap -i eth0 -i tunl0 (live): each flow counted once, mode ipip", .enabled(if: liveEnabled))
    func uplinkAndTunl0Live() throws {
        let run = try LabRuns.shared.run(.ipip)
        let outcome = try capture(run, .live, "eth0", "tunl0")
        try checkCapturer(outcome)
        try checkUplinkPlusTunnel(run, outcome.report, outcome.reportProblem,
                                  uplink: run.outcome(.live, "eth0")?.report)
        try checkReplay(outcome, interfaces: ["eth0", "tunl0"])
    }

    @Test("calicap -i any (live): carriers, the same-node pair is local",
          .enabled(if: liveEnabled), arguments: LabMode.allCases)
    func anyLive(mode: LabMode) throws {
        let run = try LabRuns.shared.run(mode)
        let outcome = try capture(run, .live, "any")
        try checkCapturer(outcome)
        try checkAny(run, outcome.report, outcome.reportProblem, uplink: run.outcome(.live, "eth0")?.report)
        try checkReplay(outcome, interfaces: ["any"])
        checkAgreesWithTcpdump(run, outcome)
    }

    // MARK: - live errors and Ctrl-C

    @Test("calicap -i nosuchdev0: exit 3, one line listing the interfaces", .enabled(if: liveEnabled))
    func noSuchInterface() throws {
        try withScratchNamespace { namespace in
            let outcome = try Shell.run(LabEnvironment.ip,
                ["netns", "exec", namespace, LabEnvironment.calicap.path, "-i", "nosuchdev0"], timeout: 20)
            let status = outcome.status, errors = outcome.standardError
            #expect(status == 3, "stderr: \(errors)")
            let lines = outcome.standardError.split(separator: "\n")
            #expect(lines.count == 1, "stderr: \(errors)")
            #expect(errors.contains("nosuchdev0"))
            // The namespace has lo, eth0 and eth1: the message lists them.
            for name in ["lo", "eth0", "eth1"] {
                #expect(errors.contains(name), "\(name) not listed: \(errors)")
            }
            let output = outcome.standardOutput
            #expect(output.isEmpty)
        }
    }

    @Test("calicap -i eth0 'tcp port port': exit 3 with the expression", .enabled(if: liveEnabled))
    func badLiveFilter() throws {
        try withScratchNamespace { namespace in
            let outcome = try Shell.run(LabEnvironment.ip,
                ["netns", "exec", namespace, LabEnvironment.calicap.path, "-i", "eth0", "tcp port port"], timeout: 20)
            let status = outcome.status, errors = outcome.standardError
            #expect(status == 3, "stderr: \(errors)")
            #expect(errors.split(separator: "\n").count == 1, "stderr: \(errors)")
            #expect(errors.contains("tcp port port"), "stderr: \(errors)")
        }
    }

    @Test("calicap -i eth0 as nobody: exit 3, one line about permission",
          .enabled(if: liveEnabled && LabEnvironment.which("setpriv") != nil))
    func noPermission() throws {
        try withScratchNamespace { namespace in
            let nobody = ["--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all", "--bounding-set=-all"]
            let probe = try Shell.run(LabEnvironment.ip,
                ["netns", "exec", namespace, "setpriv"] + nobody + ["test", "-x", LabEnvironment.calicap.path])
            try #require(probe.status == 0, "nobody cannot run \(LabEnvironment.calicap.path); not checked")
            let outcome = try Shell.run(LabEnvironment.ip,
                ["netns", "exec", namespace, "setpriv"] + nobody + [LabEnvironment.calicap.path, "-i", "eth0"], timeout: 20)
            let status = outcome.status, errors = outcome.standardError
            #expect(status == 3, "stderr: \(errors)")
            #expect(errors.split(separator: "\n").count == 1, "stderr: \(errors)")
            let text = errors.lowercased()
            #expect(["permission", "not permitted", "cap_net_raw", "root"].contains { text.contains($0) },
                    "stderr: \(outcome.standardError)")
        }
    }

    @Test("calicap -i eth0 with no traffic: SIGINT still prints the report, exit 0", .enabled(if: liveEnabled))
    func interruptWithoutTraffic() throws {
        try withScratchNamespace { namespace in
            let directory = LabEnvironment.artifacts.appendingPathComponent(namespace)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            for format in ["json", "table"] {
                let command = try BackgroundCommand(LabEnvironment.ip,
                    ["netns", "exec", namespace, LabEnvironment.calicap.path, "-i", "eth0", "--format", format],
                    outputFile: directory.appendingPathComponent("idle.\(format)"),
                    errorFile: directory.appendingPathComponent("idle-\(format).err"))
                _ = command.waitUntilListening(markers: ["listening"], timeout: 1.5)
                // A person's Ctrl-C, not one racing the "listening on" line.
                usleep(300_000)
                #expect(command.isRunning, "calicap ended before SIGINT: \(command.standardError)")
                command.interrupt()
                let ending = command.wait(timeout: 10)
                #expect(!ending.killed, "calicap did not end within 10 s of SIGINT")
                #expect(ending.status == 0 && !ending.signalled, "status \(ending.status): \(command.standardError)")
                if format == "json" {
                    let report = try Report.decode(command.standardOutput)
                    let counted = report.summary.flows, listed = report.flows.count
                    let podFlows = report.flows.filter { $0.kind == "pod-to-pod" }.count
                    #expect(counted == listed)
                    #expect(podFlows == 0)
                } else {
                    #expect(command.standardOutput.contains("Summary"), "stdout: \(command.standardOutput)")
                }
            }
        }
    }

    // MARK: - Checks shared by the capture kinds

    func capture(_ run: LabRun, _ backend: CaptureBackend, _ interfaces: String...) throws -> CaptureOutcome {
        let spec = CaptureSpec(backend: backend, interfaces: interfaces)
        guard let outcome = run.outcomes[spec.name] else {
            throw LabFailure(description: "no \(spec.name) capture in the \(run.mode) run (ran: \(run.outcomes.keys.sorted()))")
        }
        return outcome
    }

    /// The capturing process ended cleanly after SIGINT, promptly, and had started listening.
    func checkCapturer(_ outcome: CaptureOutcome) throws {
        let killed = outcome.killed, status = outcome.status, listening = outcome.listening
        let name = outcome.spec.name, errors = outcome.standardError
        #expect(!killed, "\(name) did not end within 15 s of SIGINT")
        #expect(status == 0, "\(name) exited \(status): \(errors.prefix(600))")
        if outcome.spec.backend == .tcpdump {
            #expect(listening, "\(name) never said it was listening: \(errors)")
            let drops = outcome.standardError.split(separator: "\n").filter { $0.contains("dropped by kernel") }
            let interfaces = outcome.spec.interfaces.count
            #expect(drops.count == interfaces && drops.allSatisfy { $0.hasPrefix("0 ") }, "\(name): \(drops)")
        }
    }

    func problemsLine(_ problems: [String], of total: Int) -> Comment {
        Comment(rawValue: "\(problems.count) of \(total) flows:\n  " + problems.prefix(12).joined(separator: "\n  ")
            + (problems.count > 12 ? "\n  …" : ""))
    }

    /// eth0 (node uplink): every cross-node flow of node a with the lab mode's carrier, answered,
    /// pod-to-pod; tunnels with the node IPs as outer endpoints (and VNI 4096); the pool verdict.
    func checkUplink(_ run: LabRun, _ report: Report?, _ problem: String?) throws {
        let report = try #require(report, Comment(rawValue: problem ?? "no report"))
        let expected = run.crossNodeFlowsOfCapturedNode
        #expect(expected.count == 48)
        var problems: [String] = []
        for flow in expected {
            guard let seen = report.flow(flow.key) else {
                problems.append("\(flow): missing")
                continue
            }
            if seen.mode != flow.carrier { problems.append("\(flow): mode \(seen.mode)") }
            if !seen.answered { problems.append("\(flow): not answered") }
            if seen.kind != "pod-to-pod" { problems.append("\(flow): kind \(seen.kind)") }
            if let outer = flow.outer {
                let match = seen.carriers.contains {
                    $0.mode == flow.carrier && $0.outerSource == outer.source && $0.outerDestination == outer.destination
                        && (flow.vni == nil || $0.vni == flow.vni)
                }
                if !match {
                    problems.append("\(flow): carriers \(seen.carriers.map { "\($0.mode) \($0.outerSource ?? "nil")>\($0.outerDestination ?? "nil") vni \($0.vni.map(String.init) ?? "nil")" }), want \(outer.source)>\(outer.destination)")
                }
            }
        }
        #expect(problems.isEmpty, problemsLine(problems, of: expected.count))
        let pool = report.summary.pool?.behaviour, wanted = run.mode.expectedPool
        #expect(pool == wanted)
    }

    /// tunl0 / vxlan.calico: the tunnelled flows with that carrier and no outer endpoints; each
    /// inner packet is there once, as often as its outer form on eth0.
    func checkTunnelDevice(_ run: LabRun, _ report: Report?, _ problem: String?, uplink: Report?) throws {
        let report = try #require(report, Comment(rawValue: problem ?? "no report"))
        let expected = run.tunnelledFlowsOfCapturedNode
        #expect(!expected.isEmpty)
        var problems: [String] = []
        for flow in expected {
            guard let seen = report.flow(flow.key) else {
                problems.append("\(flow): missing")
                continue
            }
            if seen.mode != flow.carrier { problems.append("\(flow): mode \(seen.mode)") }
            if !seen.answered { problems.append("\(flow): not answered") }
            if seen.kind != "pod-to-pod" { problems.append("\(flow): kind \(seen.kind)") }
            if seen.carriers.contains(where: { $0.outerSource != nil || $0.outerDestination != nil }) {
                problems.append("\(flow): outer endpoints \(seen.carriers.map { "\($0.outerSource ?? "nil")>\($0.outerDestination ?? "nil")" }) on a tunnel device")
            }
            if let onUplink = uplink?.flow(flow.key), onUplink.packets != seen.packets {
                problems.append("\(flow): packets \(seen.packets), eth0 saw \(onUplink.packets)")
            }
        }
        #expect(problems.isEmpty, problemsLine(problems, of: expected.count))
        // Nothing but the tunnelled flows is there.
        let podFlows = report.flows.filter { $0.kind == "pod-to-pod" }
        #expect(podFlows.count == expected.count, "\(podFlows.count) pod flows, \(expected.count) tunnelled")
    }

    /// eth0 and tunl0 together: every packet seen twice (outer on eth0, inner on tunl0) counts
    /// once, so the counts are eth0's alone, and the verdict keeps the outer endpoints.
    func checkUplinkPlusTunnel(_ run: LabRun, _ report: Report?, _ problem: String?, uplink: Report?) throws {
        let report = try #require(report, Comment(rawValue: problem ?? "no report"))
        let uplink = try #require(uplink, "no eth0-only report to compare with")
        let expected = run.crossNodeFlowsOfCapturedNode
        var problems: [String] = []
        for flow in expected {
            guard let seen = report.flow(flow.key) else {
                problems.append("\(flow): missing")
                continue
            }
            if seen.mode != "ipip" { problems.append("\(flow): mode \(seen.mode)") }
            if !seen.answered { problems.append("\(flow): not answered") }
            if let alone = uplink.flow(flow.key), alone.packets != seen.packets {
                problems.append("\(flow): packets \(seen.packets), eth0 alone \(alone.packets)")
            }
            if let outer = flow.outer,
               !seen.carriers.contains(where: { $0.outerSource == outer.source && $0.outerDestination == outer.destination }) {
                problems.append("\(flow): outer endpoints lost: \(seen.carriers.map { "\($0.outerSource ?? "nil")>\($0.outerDestination ?? "nil")" })")
            }
        }
        #expect(problems.isEmpty, problemsLine(problems, of: expected.count))
        let podFlows = report.flows.filter { $0.kind == "pod-to-pod" }
        #expect(podFlows.count == expected.count, "\(podFlows.count) pod flows, want \(expected.count)")
        let pool = report.summary.pool?.behaviour
        #expect(pool == "Always")
    }

    /// `any`: cross-node flows with their carrier, counted once (as on eth0 alone) though each
    /// packet passes a cali veth, maybe a tunnel device and eth0; the same-node pair is local.
    func checkAny(_ run: LabRun, _ report: Report?, _ problem: String?, uplink: Report?) throws {
        let report = try #require(report, Comment(rawValue: problem ?? "no report"))
        let crossNode = run.crossNodeFlowsOfCapturedNode
        var problems: [String] = []
        for flow in crossNode {
            guard let seen = report.flow(flow.key) else {
                problems.append("\(flow): missing")
                continue
            }
            if seen.mode != flow.carrier { problems.append("\(flow): mode \(seen.mode)") }
            if !seen.answered { problems.append("\(flow): not answered") }
            if seen.kind != "pod-to-pod" { problems.append("\(flow): kind \(seen.kind)") }
            if let alone = uplink?.flow(flow.key), alone.packets != seen.packets {
                problems.append("\(flow): packets \(seen.packets), eth0 alone \(alone.packets)")
            }
            if let outer = flow.outer,
               !seen.carriers.contains(where: { $0.outerSource == outer.source && $0.outerDestination == outer.destination }) {
                problems.append("\(flow): no carrier with outer \(outer.source)>\(outer.destination)")
            }
        }
        #expect(problems.isEmpty, problemsLine(problems, of: crossNode.count))
        var local: [String] = []
        for flow in run.sameNodeFlows {
            guard let seen = report.flow(flow.key) else {
                local.append("\(flow): missing")
                continue
            }
            if seen.mode != "local" { local.append("\(flow): mode \(seen.mode)") }
            if !seen.answered { local.append("\(flow): not answered") }
            if seen.kind != "pod-to-pod" { local.append("\(flow): kind \(seen.kind)") }
        }
        let sameNode = run.sameNodeFlows.count
        #expect(sameNode > 0)
        #expect(local.isEmpty, problemsLine(local, of: sameNode))
    }

    /// Live: the `-w` file is pcapng naming the interfaces, and `calicap -r` on it gives the
    /// same (mode, answered, client, server) for every flow.
    func checkReplay(_ outcome: CaptureOutcome, interfaces: [String]) throws {
        let written = outcome.writtenFile
        let file = try #require(written)
        let handle = try FileHandle(forReadingFrom: file)
        let head = handle.readData(ofLength: 4)
        try? handle.close()
        #expect(Array(head) == [0x0A, 0x0D, 0x0D, 0x0A], "\(file.lastPathComponent) is not pcapng")
        let replayed = outcome.replay, reported = outcome.report
        let replay = try #require(replayed, Comment(rawValue: outcome.replayProblem ?? "no replay"))
        let live = try #require(reported, Comment(rawValue: outcome.reportProblem ?? "no report"))
        let liveOnly = live.verdicts.subtracting(replay.verdicts).map(\.description).sorted()
        let replayOnly = replay.verdicts.subtracting(live.verdicts).map(\.description).sorted()
        #expect(liveOnly.isEmpty && replayOnly.isEmpty,
                "live only: \(liveOnly.prefix(8)); replay only: \(replayOnly.prefix(8))")
        // pcapng carries each device's name: the replay knows where it was captured.
        let named = Set((replay.captures ?? []).filter { $0.interfaceAssumed != true }.compactMap(\.interface))
        for interface in interfaces {
            #expect(named.contains(interface), "the -w file does not name \(interface) (named, not assumed: \(named.sorted()))")
        }
    }

    /// Live and tcpdump captured the same traffic at the same time: same verdict and the same
    /// packet counts for every generated flow (live capture lost nothing tcpdump kept).
    func checkAgreesWithTcpdump(_ run: LabRun, _ outcome: CaptureOutcome) {
        guard let reference = run.outcomes[CaptureSpec(backend: .tcpdump, interfaces: outcome.spec.interfaces).name]?.report,
              let live = outcome.report else { return }
        var problems: [String] = []
        for flow in run.manifest.flows {
            let mine = live.flow(flow.key), theirs = reference.flow(flow.key)
            switch (mine, theirs) {
            case (nil, nil):
                continue
            case let (mine?, theirs?):
                if mine.mode != theirs.mode || mine.answered != theirs.answered || mine.packets != theirs.packets {
                    problems.append("\(flow.key): live \(mine.mode) \(mine.answered) \(mine.packets), tcpdump \(theirs.mode) \(theirs.answered) \(theirs.packets)")
                }
            case (nil, _?):
                problems.append("\(flow.key): only tcpdump saw it")
            case (_?, nil):
                problems.append("\(flow.key): only live calicap saw it")
            }
        }
        #expect(problems.isEmpty, problemsLine(problems, of: run.manifest.flows.count))
    }

    /// A namespace with lo and a veth pair eth0/eth1 (up, no IPv6), for the error cases.
    func withScratchNamespace(_ body: (String) throws -> Void) throws {
        _ = LabEnvironment.cleanedStaleLabs
        let namespace = "cl-lab-err-\(getpid())"
        _ = try? Shell.run(LabEnvironment.ip, ["netns", "del", namespace])
        defer { _ = try? Shell.run(LabEnvironment.ip, ["netns", "del", namespace]) }
        for arguments in [
            ["netns", "add", namespace],
            ["netns", "exec", namespace, "sh", "-c",
             "echo 1 > /proc/sys/net/ipv6/conf/all/disable_ipv6; echo 1 > /proc/sys/net/ipv6/conf/default/disable_ipv6"],
            ["-n", namespace, "link", "set", "lo", "up"],
            ["-n", namespace, "link", "add", "eth0", "type", "veth", "peer", "name", "eth1"],
            ["-n", namespace, "link", "set", "eth0", "up"],
            ["-n", namespace, "link", "set", "eth1", "up"],
        ] {
            let outcome = try Shell.run(LabEnvironment.ip, arguments)
            let status = outcome.status, errors = outcome.standardError
            try #require(status == 0, "ip \(arguments.joined(separator: " ")): \(errors)")
        }
        try body(namespace)
    }
}
