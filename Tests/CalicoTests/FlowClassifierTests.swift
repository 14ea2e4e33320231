import Calico
import Flows
import PacketTestSupport
import Testing
import Wire

@Suite struct FlowClassifierTests {
    typealias P = Packets

    /// TCP handshake pod B (client, port 10002) → pod A (server, 8080): SYN, SYN-ACK.
    static let syn = P.tcp(Lab.podB, 10002, Lab.podA, 8080, flags: .syn)
    static let synAck = P.tcp(Lab.podA, 8080, Lab.podB, 10002, flags: [.syn, .acknowledgment])
    static let ack = P.tcp(Lab.podB, 10002, Lab.podA, 8080, flags: .acknowledgment)

    // MARK: Tunnels on the uplink

    @Test func ipipOnTheUplink() throws {
        var scenario = Scenario([("eth0", 0)])
        scenario.see(P.ipip(Self.syn, Lab.node2, Lab.node1), at: 0)
        scenario.see(P.ipip(Self.synAck, Lab.node1, Lab.node2), at: 0)
        scenario.see(P.ipip(Self.ack, Lab.node2, Lab.node1), at: 0)
        let verdict = try #require(scenario.analyse().verdict(Lab.podA, Lab.podB))
        #expect(verdict.mode == .ipip)
        #expect(verdict.kind == .podToPod)
        #expect(verdict.carriers.count == 1)
        let carrier = try #require(verdict.carriers.first)
        #expect(carrier.mode == .ipip)
        // Oriented client → server: pod B's node sends the client's packets.
        #expect(carrier.outerSource == Lab.ip(Lab.node2))
        #expect(carrier.outerDestination == Lab.ip(Lab.node1))
        #expect(carrier.networkIdentifier == nil)
        #expect(carrier.port == nil)
        #expect(carrier.packets == 3)
        #expect(carrier.firstSeen == 1_000)
        #expect(carrier.lastSeen == 3_000)
        #expect(carrier.capturePoints == [0])
        #expect(verdict.clientNode == Lab.ip(Lab.node2))
        #expect(verdict.serverNode == Lab.ip(Lab.node1))
        #expect(verdict.notes.isEmpty)
    }

    /// The same exchange with the client as the lower address: orientation must not depend on
    /// which endpoint sorts first.
    @Test func tunnelEndpointsFollowTheClient() throws {
        var scenario = Scenario([("eth0", 0)])
        let request = P.tcp(Lab.podA, 40000, Lab.podB, 80, flags: .syn)
        let reply = P.tcp(Lab.podB, 80, Lab.podA, 40000, flags: [.syn, .acknowledgment])
        scenario.see(P.ipip(reply, Lab.node2, Lab.node1), at: 0)  // the capture starts with the reply
        scenario.see(P.ipip(request, Lab.node1, Lab.node2), at: 0)
        let verdict = try #require(scenario.analyse().verdict(Lab.podA, Lab.podB))
        let carrier = try #require(verdict.carriers.first)
        #expect(carrier.outerSource == Lab.ip(Lab.node1))
        #expect(carrier.outerDestination == Lab.ip(Lab.node2))
        #expect(verdict.clientNode == Lab.ip(Lab.node1))
        #expect(verdict.serverNode == Lab.ip(Lab.node2))
    }

    @Test func vxlanOnTheUplink() throws {
        var scenario = Scenario([("eth0", 0)])
        scenario.see(P.vxlan(P.echo(Lab.podA, Lab.podB, identifier: 5, request: true), Lab.node1, Lab.node2), at: 0)
        let verdict = try #require(scenario.analyse().verdict(Lab.podA, Lab.podB))
        #expect(verdict.mode == .vxlan)
        #expect(verdict.kind == .podToPod)
        let carrier = try #require(verdict.carriers.first)
        #expect(carrier.mode == .vxlan)
        #expect(carrier.networkIdentifier == 4096)
        #expect(carrier.port == 4789)
        #expect(carrier.calicoVTEPMACs)
        #expect(!carrier.detectedByHeader)
        #expect(carrier.outerSource == Lab.ip(Lab.node1))
        #expect(verdict.notes == ["no reply through the vxlan tunnel"])
    }

    @Test func wireGuardSessionOnTheUplink() throws {
        var scenario = Scenario([("eth0", 0)])
        scenario.see(P.wireguard(Lab.node2, 51820, Lab.node1, 51820), at: 0)
        scenario.see(P.wireguard(Lab.node1, 51820, Lab.node2, 51820), at: 0)
        let verdict = try #require(scenario.analyse().verdict(Lab.node1, Lab.node2))
        #expect(verdict.mode == .wireguard)
        #expect(verdict.kind == .hostToHost)
        let carrier = try #require(verdict.carriers.first)
        #expect(carrier.mode == .wireguard)
        #expect(carrier.port == 51820)
        #expect(carrier.outerSource == Lab.ip(Lab.node2))
        #expect(carrier.outerDestination == Lab.ip(Lab.node1))
        #expect(carrier.packets == 2)
    }

    // MARK: Plain packets: the capture point decides

    @Test(arguments: [
        ("eth0", CalicoMode.direct), ("tunl0", .ipip), ("vxlan.calico", .vxlan), ("wireguard.cali", .wireguard),
        ("lo", .local), ("cali0123456789", .unknown),
    ])
    func plainPacketsMeanWhatTheirPointIs(device: String, mode: CalicoMode) throws {
        var scenario = Scenario([(device, 0)])
        scenario.see(Self.syn, at: 0)
        scenario.see(Self.synAck, at: 0)
        let verdict = try #require(scenario.analyse(podNetworks: [Lab.podPool]).verdict(Lab.podA, Lab.podB))
        #expect(verdict.mode == mode)
        #expect(verdict.kind == .podToPod)
        // Tunnel devices show no outer header: no endpoints to report.
        #expect(verdict.carriers.allSatisfy { $0.outerSource == nil && $0.outerDestination == nil })
        #expect(verdict.carriers.count == (mode == .local || mode == .unknown ? 0 : 1))
        if mode == .unknown {
            #expect(verdict.notes == ["seen only on a workload veth: the underlay path is not in the capture"])
        } else {
            #expect(verdict.notes.isEmpty)
        }
    }

    @Test func localWhenSeenOnTwoWorkloadVeths() throws {
        var scenario = Scenario([("cali1111", 0), ("cali2222", 0)])
        scenario.exchange([(Self.syn, 0), (Self.syn, 1)], [(Self.synAck, 1), (Self.synAck, 0)])
        let verdict = try #require(scenario.analyse(podNetworks: [Lab.podPool]).verdict(Lab.podA, Lab.podB))
        #expect(verdict.mode == .local)
        #expect(verdict.carriers.isEmpty)
        #expect(verdict.notes.isEmpty)
    }

    @Test func localWhenOneVethIsSeenInACaptureThatAlsoWatchesTheUplink() throws {
        var scenario = Scenario([("eth0", 0), ("cali1111", 0)])
        scenario.see(P.udp(Lab.node1, 33333, "8.8.8.8", 53), at: 0)  // other traffic on the uplink
        scenario.see(Self.syn, at: 1)
        scenario.see(Self.synAck, at: 1)
        let verdict = try #require(scenario.analyse(podNetworks: [Lab.podPool]).verdict(Lab.podA, Lab.podB))
        #expect(verdict.mode == .local)
    }

    @Test func unknownWhenTheUplinkIsAnotherCapture() throws {
        var scenario = Scenario([("eth0", 0), ("cali1111", 1)])
        scenario.see(P.udp(Lab.node1, 33333, "8.8.8.8", 53), at: 0)
        scenario.see(Self.syn, at: 1)
        scenario.see(Self.synAck, at: 1)
        let verdict = try #require(scenario.analyse(podNetworks: [Lab.podPool]).verdict(Lab.podA, Lab.podB))
        #expect(verdict.mode == .unknown)
        #expect(verdict.notes == ["seen only on a workload veth: the underlay path is not in the capture"])
    }

    @Test func mixedWhenTheFlowChangesCarrier() throws {
        var scenario = Scenario([("eth0", 0)])
        scenario.see(P.ipip(Self.syn, Lab.node2, Lab.node1), at: 0)
        scenario.see(P.ipip(Self.synAck, Lab.node1, Lab.node2), at: 0)
        scenario.see(Self.ack, at: 0)
        let verdict = try #require(scenario.analyse().verdict(Lab.podA, Lab.podB))
        #expect(verdict.mode == .mixed)
        #expect(verdict.carriers.map(\.mode) == [.ipip, .direct])
        #expect(verdict.notes == ["carried by several modes: direct, ipip"])
    }

    @Test(arguments: [EncapsulationKind.geneve, .gre])
    func foreignTunnelsAreNotCalicos(kind: EncapsulationKind) throws {
        var scenario = Scenario([("eth0", 0)])
        scenario.see(P.foreignTunnel(kind, Self.syn, Lab.node2, Lab.node1), at: 0)
        scenario.see(P.foreignTunnel(kind, Self.synAck, Lab.node1, Lab.node2), at: 0)
        let verdict = try #require(scenario.analyse(podNetworks: [Lab.podPool]).verdict(Lab.podA, Lab.podB))
        #expect(verdict.mode == .unknown)
        #expect(verdict.carriers.map(\.mode) == [kind == .geneve ? .geneve : .gre])
        #expect(verdict.carriers.first?.networkIdentifier == 10)
        #expect(verdict.carriers.first?.port == (kind == .geneve ? 6081 : nil))
        #expect(verdict.notes == ["carried by \(kind), not a Calico encapsulation"])
    }

    // MARK: Carrier folding

    /// `-i any` on node 2: the SYN on eth0 (IPIP), on tunl0 and on pod B's veth; the reply back.
    @Test func tunl0SightingFoldsIntoTheUplinkTunnel() throws {
        var scenario = Scenario([("eth0", 0), ("tunl0", 0), ("cali2222", 0)])
        scenario.exchange(
            [(P.ipip(Self.synAck, Lab.node1, Lab.node2), 0), (Self.synAck, 1), (Self.synAck, 2)],
            [(Self.ack, 2), (Self.ack, 1), (P.ipip(Self.ack, Lab.node2, Lab.node1), 0)])
        let analysis = scenario.analyse()
        let record = try #require(analysis.flows.first?.record)
        #expect(record.packetsToServer == 1)
        #expect(record.packetsToClient == 1)
        #expect(record.duplicatePackets == 4)
        let verdict = try #require(analysis.verdict(Lab.podA, Lab.podB))
        #expect(verdict.mode == .ipip)
        #expect(verdict.carriers.count == 1)
        let carrier = try #require(verdict.carriers.first)
        #expect(carrier.capturePoints == [0, 1])
        #expect(carrier.packets == 2)
        #expect(carrier.outerSource == Lab.ip(Lab.node2))
        #expect(carrier.outerDestination == Lab.ip(Lab.node1))
    }

    @Test func tunl0SightingIsNotFoldedWhenTheUplinkShowsTwoTunnels() throws {
        // A router port sees the flow tunnelled node 2 → node 1 and, later, node 3 → node 1.
        var scenario = Scenario([("eth0", 0), ("tunl0", 0)])
        scenario.see(P.ipip(Self.syn, Lab.node2, Lab.node1), at: 0)
        scenario.see(P.ipip(Self.ack, Lab.node3, Lab.node1), at: 0)
        scenario.see(Self.ack, at: 1, duplicate: true)
        let verdict = try #require(scenario.analyse().verdict(Lab.podA, Lab.podB))
        #expect(verdict.mode == .ipip)
        #expect(verdict.carriers.count == 3)
        #expect(verdict.carriers.filter { $0.outerSource == nil }.map(\.capturePoints) == [[1]])
    }

    @Test func vxlanDeviceSightingFoldsIntoTheUplinkTunnel() throws {
        var scenario = Scenario([("eth0", 0), ("vxlan.calico", 0)])
        let ping = P.echo(Lab.podA, Lab.podB, identifier: 3, request: true)
        let vtepFrame = P.framed(ping, source: MACAddress(rawValue: 0x66_00_00_00_00_01), destination: MACAddress(rawValue: 0x66_00_00_00_00_02))
        scenario.exchange([(vtepFrame, 1), (P.vxlan(ping, Lab.node1, Lab.node2), 0)], [])
        let verdict = try #require(scenario.analyse().verdict(Lab.podA, Lab.podB))
        #expect(verdict.mode == .vxlan)
        #expect(verdict.carriers.count == 1)
        #expect(verdict.carriers.first?.capturePoints == [0, 1])
        #expect(verdict.carriers.first?.port == 4789)
    }

    /// A capture point the classifier was not told about has no role: its plain sighting is an
    /// unknown carrier, which neither decides nor mixes the mode.
    @Test func sightingAtAPointOfUnknownRoleIsIgnored() throws {
        var scenario = Scenario([("eth0", 0), ("eth1", 1)])
        scenario.see(P.ipip(Self.syn, Lab.node2, Lab.node1), at: 0)
        scenario.see(Self.syn, at: 1, duplicate: true)
        let analysis = scenario.analyse()
        let record = try #require(analysis.flows.first?.record)
        let classifier = FlowClassifier(capturePoints: [analysis.points[0]], addresses: analysis.plan)
        let verdict = classifier.verdict(for: record)
        #expect(verdict.mode == .ipip)
        #expect(verdict.carriers.map(\.mode).sorted() == [.ipip, .unknown])
        #expect(verdict.notes == ["no reply through the ipip tunnel"])
    }

    // MARK: Flow kinds

    @Test func kindsFollowThePodPlan() throws {
        var scenario = Scenario([("eth0", 0)])
        scenario.see(P.tcp(Lab.node1, 50000, Lab.podA, 443, flags: .syn), at: 0)
        scenario.see(P.tcp(Lab.podB, 50000, Lab.node2, 6443, flags: .syn), at: 0)
        scenario.see(P.tcp(Lab.node1, 50001, Lab.node2, 22, flags: .syn), at: 0)
        let analysis = scenario.analyse(podNetworks: [Lab.podPool])
        #expect(analysis.verdict(Lab.node1, Lab.podA)?.kind == .hostToPod)
        #expect(analysis.verdict(Lab.podB, Lab.node2)?.kind == .podToHost)
        #expect(analysis.verdict(Lab.node1, Lab.node2)?.kind == .hostToHost)
        #expect(analysis.verdict(Lab.node1, Lab.node2)?.notes == ["no reply seen"])
    }
}
