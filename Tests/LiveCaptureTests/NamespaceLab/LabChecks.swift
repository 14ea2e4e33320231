import Foundation
import Testing

/// The checks of a lab capture against the traffic manifest, shared by every row of the
/// namespace-lab table (`LabScenario`).
enum LabChecks {
    /// Every check of `scenario`'s row on its capture in `run`, in the order the per-mode tests
    /// made them: the capturer, what the capture must show, then (live) the replay of its file
    /// and the agreement with tcpdump.
    static func check(_ scenario: LabScenario, in run: LabRun) throws {
        let outcome = try run.capture(scenario.capture)
        try capturer(outcome)
        // The uplink capture of the same kind, to compare packet counts with.
        let uplinkReport = run.outcome(scenario.capture.backend, "eth0")?.report
        switch scenario.expectation {
        case .uplink(let flows, let pool):
            try uplink(run, outcome.report, outcome.reportProblem, flows: flows, pool: pool)
        case .tunnelDevice:
            try tunnelDevice(run, outcome.report, outcome.reportProblem, uplink: uplinkReport)
        case .uplinkAndTunnel(let mode, let pool):
            try uplinkAndTunnel(run, outcome.report, outcome.reportProblem, uplink: uplinkReport, mode: mode, pool: pool)
        case .anyInterface:
            try anyInterface(run, outcome.report, outcome.reportProblem, uplink: uplinkReport)
        case .pod(let address):
            try pod(address, run, outcome.report, outcome.reportProblem, uplink: uplinkReport)
        }
        if scenario.checksReplay { try replay(outcome, interfaces: scenario.capture.interfaces) }
        if scenario.comparedWithTcpdump { agreesWithTcpdump(run, outcome) }
    }

    /// The capturing process ended cleanly after SIGINT, promptly, and had started listening.
    static func capturer(_ outcome: CaptureOutcome) throws {
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

    /// Live `--pod ADDRESS` on eth0: the pod's cross-node flows of the captured node, each with
    /// its carrier and as many packets as the unfiltered uplink capture counted; nothing else.
    static func pod(_ address: String, _ run: LabRun, _ report: Report?, _ problem: String?, uplink: Report?) throws {
        let report = try #require(report, Comment(rawValue: problem ?? "no report"))
        let expected = run.crossNodeFlowsOfCapturedNode.filter { $0.client.ip == address || $0.server.ip == address }
        #expect(expected.count == 12)
        var problems: [String] = []
        for flow in expected {
            guard let seen = seenAnswered(flow, in: report, problems: &problems) else { continue }
            if let whole = uplink?.flow(flow.key), whole.packets != seen.packets {
                problems.append("\(flow): packets \(seen.packets), the whole uplink \(whole.packets)")
            }
        }
        #expect(problems.isEmpty, problemsLine(problems, of: expected.count))
        let others = report.flows.filter { $0.client.ip != address && $0.server.ip != address }
        #expect(others.isEmpty, "flows without the pod: \(others.map(\.key))")
        #expect(report.flows.count == expected.count)
    }

    static func problemsLine(_ problems: [String], of total: Int) -> Comment {
        Comment(rawValue: "\(problems.count) of \(total) flows:\n  " + problems.prefix(12).joined(separator: "\n  ")
            + (problems.count > 12 ? "\n  …" : ""))
    }

    /// eth0 (node uplink): every cross-node flow of node a with the lab mode's carrier, answered,
    /// pod-to-pod; tunnels with the node IPs as outer endpoints (and VNI 4096); the pool verdict.
    static func uplink(_ run: LabRun, _ report: Report?, _ problem: String?, flows: Int, pool wanted: String) throws {
        let report = try #require(report, Comment(rawValue: problem ?? "no report"))
        let expected = run.crossNodeFlowsOfCapturedNode
        #expect(expected.count == flows)
        var problems: [String] = []
        for flow in expected {
            guard let seen = seenAnswered(flow, in: report, problems: &problems) else { continue }
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
        let pool = report.summary.pool?.behaviour
        #expect(pool == wanted)
    }

    /// tunl0 / vxlan.calico: the tunnelled flows with that carrier and no outer endpoints; each
    /// inner packet is there once, as often as its outer form on eth0.
    static func tunnelDevice(_ run: LabRun, _ report: Report?, _ problem: String?, uplink: Report?) throws {
        let report = try #require(report, Comment(rawValue: problem ?? "no report"))
        let expected = run.tunnelledFlowsOfCapturedNode
        #expect(!expected.isEmpty)
        var problems: [String] = []
        for flow in expected {
            guard let seen = seenAnswered(flow, in: report, problems: &problems) else { continue }
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
    static func uplinkAndTunnel(
        _ run: LabRun, _ report: Report?, _ problem: String?, uplink: Report?, mode: String, pool wanted: String
    ) throws {
        let report = try #require(report, Comment(rawValue: problem ?? "no report"))
        let uplink = try #require(uplink, "no eth0-only report to compare with")
        let expected = run.crossNodeFlowsOfCapturedNode
        var problems: [String] = []
        for flow in expected {
            guard let seen = report.flow(flow.key) else {
                problems.append("\(flow): missing")
                continue
            }
            if seen.mode != mode { problems.append("\(flow): mode \(seen.mode)") }
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
        #expect(pool == wanted)
    }

    /// `any`: cross-node flows with their carrier, counted once (as on eth0 alone) though each
    /// packet passes a cali veth, maybe a tunnel device and eth0; the same-node pair is local.
    static func anyInterface(_ run: LabRun, _ report: Report?, _ problem: String?, uplink: Report?) throws {
        let report = try #require(report, Comment(rawValue: problem ?? "no report"))
        let crossNode = run.crossNodeFlowsOfCapturedNode
        var problems: [String] = []
        for flow in crossNode {
            guard let seen = seenAnswered(flow, in: report, problems: &problems) else { continue }
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
    static func replay(_ outcome: CaptureOutcome, interfaces: [String]) throws {
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
    static func agreesWithTcpdump(_ run: LabRun, _ outcome: CaptureOutcome) {
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

    /// The report's flow for a lab flow, with the problems every check looks for first: missing,
    /// another mode, not answered, not pod-to-pod.
    static func seenAnswered(_ flow: LabFlow, in report: Report, problems: inout [String]) -> ReportFlow? {
        guard let seen = report.flow(flow.key) else {
            problems.append("\(flow): missing")
            return nil
        }
        if seen.mode != flow.carrier { problems.append("\(flow): mode \(seen.mode)") }
        if !seen.answered { problems.append("\(flow): not answered") }
        if seen.kind != "pod-to-pod" { problems.append("\(flow): kind \(seen.kind)") }
        return seen
    }
}
