import Analysis
import CalicapTestSupport
import Inputs
import Calico
import ClusterContext
import Flows
import Testing
import Wire

/// Every lab capture (real kernel traffic, ground truth from truth.json): every flow the truth
/// places in a file gets the right mode and the right `answered`, and nothing else appears.
@Suite struct LabCaptureTests {
    static let cases: [(folder: String, file: String)] = Fixtures.labFolders.flatMap { folder in
        Fixtures.labCaptures(folder).map { (folder, $0) }
    }

    @Test func everyLabFolderHasExpectations() {
        for folder in Fixtures.labFolders {
            #expect(LabExpectation.load(folder: folder).count > 200, "\(folder)")
        }
        #expect(Self.cases.count == 85)
    }

    @Test(arguments: cases)
    func everyFlowHasTheTruthsModeAndAnswer(folder: String, file: String) throws {
        let expectations = LabExpectation.load(folder: folder).filter { $0.file == file }
        // A pcap file does not name its interface, and a raw-IP capture of wireguard.cali looks
        // like tunl0's: the lab says which it was, as a user would with --captured-on.
        let capturedOn: String? = file.hasSuffix("-wireguard.cali.pcap") ? "wireguard.cali" : nil
        // IPv6 has no default pool to assume, and v6 pods reached only directly show nothing
        // Calico-specific: the dual-stack scenario is read with its pool file, as a user would.
        let cluster = folder == "dualstack-vxlan-crosssubnet"
            ? try ClusterContextLoader.loadContext(paths: [Fixtures.lab(folder, "cluster/ippools.yaml")]) : nil
        var options = AnalysisOptions(paths: [Fixtures.lab(folder, file)], capturedOn: capturedOn)
        options.cluster = cluster
        let result = try Analyzer.run(options)
        var byKey: [String: AnalyzedFlow] = [:]
        for flow in result.flows {
            let record = flow.record
            byKey["\(record.key.protocolNumber.name) \(record.client.address):\(record.client.port) \(record.server.address):\(record.server.port)"] = flow
        }
        for expected in expectations {
            let key = "\(expected.protocolName) \(expected.clientIP):\(expected.clientPort) \(expected.serverIP):\(expected.serverPort)"
            let flow = try #require(byKey[key], "missing \(expected)")
            #expect(flow.verdict.mode.rawValue == expected.mode, "\(expected)")
            #expect(flow.record.answered == expected.answered, "\(expected)")
            #expect(flow.verdict.kind == .podToPod, "\(expected)")
        }
        // The lab has no other IP traffic (ARP aside): no extra flows but, where Calico encrypts,
        // the WireGuard sessions between nodes that carry the pod flows.
        let sessions = result.flows.filter { $0.verdict.mode == .wireguard && $0.verdict.kind == .hostToHost }
        #expect(result.flows.count == expectations.count + sessions.count)
        #expect(sessions.isEmpty == (folder != "wireguard" || file.contains("wireguard.cali")))
        #expect(result.warnings.isEmpty)
        #expect(result.anomalies.isEmpty)
    }

    /// What each capture point shows of the pool: a node or router sees only its own pairs.
    @Test(arguments: [
        ("ipip", "w1-eth0.pcap", PoolBehaviour.always, CalicoMode.ipip),
        ("ipip", "w1-any.pcap", .always, .ipip),
        ("vxlan", "router-vpc10.pcap", .always, .vxlan),
        ("direct", "w1-eth0.pcap", .never, nil),
        ("direct-rkp", "w0-any.pcap", .never, nil),
        ("crosssubnet", "w1-eth0.pcap", .crossSubnet, .ipip),
        ("crosssubnet", "w2-any.pcap", .crossSubnet, .ipip),
        ("vxlan-crosssubnet", "w1-eth0.pcap", .crossSubnet, .vxlan),
        ("crosssubnet", "w0-eth0.pcap", .always, .ipip),
    ] as [(String, String, PoolBehaviour, CalicoMode?)])
    func poolBehaviourPerCapture(folder: String, file: String, behaviour: PoolBehaviour, encapsulation: CalicoMode?) throws {
        let result = try Analyzer.run(AnalysisOptions(paths: [Fixtures.lab(folder, file)]))
        #expect(result.pool.behaviour == behaviour)
        #expect(result.pool.encapsulation == encapsulation)
    }

    /// The three uplinks and both router ports of the CrossSubnet lab read together: the subnet
    /// boundary between 192.168.10.0/24 and 192.168.20.0/24 is found, and each packet seen at
    /// several capture points is counted once.
    @Test func crossSubnetAcrossAllUplinks() throws {
        let files = ["w1-eth0.pcap", "w2-eth0.pcap", "w0-eth0.pcap", "router-vpc10.pcap", "router-vpc20.pcap"]
        let result = try Analyzer.run(AnalysisOptions(paths: files.map { Fixtures.lab("crosssubnet", $0) }))
        #expect(result.pool.behaviour == .crossSubnet)
        #expect(result.pool.encapsulation == .ipip)
        // 192.168.10.101 and .102 share 30 leading bits; 192.168.10.x and 192.168.20.100 share 19.
        #expect(result.pool.subnetPrefixLengths == 20...30)
        #expect(result.flows.count == 72)
        #expect(result.modeCounts == [.ipip: 48, .direct: 24])
        // One TCP flow: 10 packets each way, however many captures saw them.
        let tcp = try #require(result.flows.first {
            $0.record.client.description == "172.16.158.1:10013" && $0.record.key.protocolNumber == .tcp
        })
        #expect(tcp.record.packetsToServer == 10)
        #expect(tcp.record.packetsToClient == 10)
        #expect(tcp.record.duplicatePackets > 0)
        let carrier = try #require(tcp.verdict.carriers.first)
        #expect(tcp.verdict.carriers.count == 1)
        #expect(carrier.outerSource?.description == "192.168.10.101")
        #expect(carrier.outerDestination?.description == "192.168.20.100")
        #expect(carrier.packets == 20)
    }

    /// `-i any` shows each remote pod packet on the veth, on tunl0 and (encapsulated) on eth0.
    @Test func anyCaptureCountsEachPacketOnce() throws {
        let result = try Analyzer.run(AnalysisOptions(paths: [Fixtures.lab("ipip", "w1-any.pcap")]))
        let roles = result.capturePoints.map(\.role)
        #expect(roles.filter { $0 == .uplink }.count == 1)
        #expect(roles.filter { $0 == .ipipDevice }.count == 1)
        #expect(roles.filter { $0 == .workload }.count == 2)
        for flow in result.flows where flow.record.key.protocolNumber == .tcp {
            #expect(flow.record.packetsToServer == 10)
            #expect(flow.record.packetsToClient == 10)
        }
        #expect(result.modeCounts == [.ipip: 48, .local: 6])
    }

    /// tunl0 captures have no outer header: the mode comes from the capture point.
    @Test func tunnelDeviceCaptureIsNamedAndAssumed() throws {
        let result = try Analyzer.run(AnalysisOptions(paths: [Fixtures.lab("ipip", "w0-tunl0.pcap")]))
        let capture = try #require(result.captures.first)
        #expect(capture.linkType == .raw)
        #expect(capture.interface == "tunl0")
        #expect(capture.interfaceAssumed)
        #expect(result.flows.allSatisfy { $0.verdict.carriers.first?.outerSource == nil })
        let vxlan = try Analyzer.run(AnalysisOptions(paths: [Fixtures.lab("vxlan", "w0-vxlan.calico.pcap")]))
        #expect(vxlan.captures.first?.interface == "vxlan.calico")
        #expect(vxlan.flows.allSatisfy { $0.verdict.mode == .vxlan })
    }

    /// `--captured-on` overrides the inference: a tunl0 file read as an uplink is Direct.
    @Test func capturedOnOverridesInference() throws {
        let result = try Analyzer.run(
            AnalysisOptions(paths: [Fixtures.lab("ipip", "w0-tunl0.pcap")], capturedOn: "eth0"))
        #expect(result.captures.first?.interfaceAssumed == false)
        #expect(result.flows.allSatisfy { $0.verdict.mode == .direct })
    }

    /// Explicit pod networks decide the kind: with the wrong pool, lab pods are hosts.
    @Test func podCIDRDecidesKind() throws {
        let wrong = try Analyzer.run(
            AnalysisOptions(paths: [Fixtures.lab("ipip", "w1-eth0.pcap")], podNetworks: [IPNetwork("10.244.0.0/16")!]))
        #expect(wrong.flows.allSatisfy { $0.verdict.kind == .hostToHost })
        let right = try Analyzer.run(
            AnalysisOptions(paths: [Fixtures.lab("ipip", "w1-eth0.pcap")], podNetworks: [IPNetwork("172.16.0.0/16")!]))
        #expect(right.flows.allSatisfy { $0.verdict.kind == .podToPod })
    }

    /// A BPF filter (libpcap) keeps only the matching packets.
    @Test func bpfFilterSelectsPackets() throws {
        let result = try Analyzer.run(
            AnalysisOptions(paths: [Fixtures.lab("direct-rkp", "w1-eth0.pcap")], filter: "tcp port 8080"))
        #expect(!result.flows.isEmpty)
        #expect(result.flows.allSatisfy { $0.record.key.protocolNumber == .tcp })
        #expect(result.filteredPackets > 0)
        #expect(throws: AnalysisError.self) {
            _ = try Analyzer.run(AnalysisOptions(paths: [Fixtures.lab("direct-rkp", "w1-eth0.pcap")], filter: "tcp port port"))
        }
    }

    /// Two runs of the same cluster, first IPIP then VXLAN (the lab reuses the same tuples):
    /// every flow is `mixed` with its carriers in time order, and the pool records the change.
    @Test func modeSwitchIsReportedAsMixedWithTheChange() throws {
        let result = try Analyzer.run(
            AnalysisOptions(paths: [Fixtures.lab("ipip", "w1-eth0.pcap"), Fixtures.lab("vxlan", "w1-eth0.pcap")]))
        #expect(result.modeCounts == [.mixed: 48])
        for flow in result.flows {
            #expect(flow.verdict.carriers.map(\.mode) == [.ipip, .vxlan])
        }
        #expect(result.pool.behaviour == .mixed)
        #expect(result.pool.changes.count == 1)
        #expect(result.pool.changes.first?.from == .ipip)
        #expect(result.pool.changes.first?.to == .vxlan)
    }
}
