import Testing

/// calicap against real kernel traffic: a Calico-like cluster in network namespaces
/// (Lab/lab.sh: three nodes, two pods each, Calico's cali veths, proxy ARP and /32 routes)
/// carrying pod traffic directly, over kernel VXLAN, over IP-in-IP (a TUN tunl0 with a
/// userspace forwarder: this kernel has no ipip module), or CrossSubnet.
///
/// Each mode's lab is brought up once; every capture of that mode runs on node a at the same
/// time during one round of traffic (Lab/traffic.py: ICMP, TCP and UDP between every ordered
/// pod pair across nodes and one same-node pair, with fixed client ports), then each capture
/// gets SIGINT. The flow manifest the traffic generator writes is the ground truth. The
/// captures of each mode and what each must show are one table, `LabScenario.all`, run by one
/// parameterised test; the run itself (bring-up, captures, traffic, teardown on every path) is
/// `LabSession`, cached per mode by `LabRuns`.
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
    static let liveEnabled = LabEnvironment.liveCaptureAvailable

    // MARK: - The lab itself

    @Test("lab: bring-up, every generated flow answered", arguments: LabMode.allCases)
    func labBringsUpAndCarriesTraffic(mode: LabMode) throws {
        let run = try LabRuns.shared.run(mode)
        let bringUp = run.bringUpSeconds, total = run.totalSeconds, flows = run.manifest.flows
        // How long it took is for the record, not a pass mark: speed is measured by benchmarks,
        // and a loaded machine must not fail the suite. A hung bring-up fails by its timeout.
        #expect(bringUp > 0, "bring-up took \(bringUp) s")
        // 6 pods on 3 nodes: 24 ordered cross-node pairs + 1 same-node pair, 3 protocols each.
        #expect(flows.count == 75)
        let unanswered = run.manifest.flows.filter { !$0.answered }
        #expect(unanswered.isEmpty, "unanswered in the lab itself: \(unanswered.map(\.description))")
        #expect(flows.filter { $0.sameNode }.allSatisfy { $0.carrier == "local" })
        #expect(total < 30, "the \(mode) run took \(total) s")
    }

    // MARK: - Every capture of every mode

    /// One row of `LabScenario.all`: the mode's lab run (shared by its rows), then that capture
    /// checked against the traffic manifest. A row whose capture kind this machine lacks (no
    /// tcpdump, no live capture) is cancelled.
    @Test("capture of the lab's traffic: carriers, answers and counts as the manifest says",
          arguments: LabScenario.all)
    func captureShowsTheTraffic(_ scenario: LabScenario) throws {
        guard LabEnvironment.offers(scenario.capture.backend) else {
            try Test.cancel("no \(scenario.capture.backend) capture on this machine")
        }
        let run = try LabRuns.shared.run(scenario.mode)
        try LabChecks.check(scenario, in: run)
    }
}
