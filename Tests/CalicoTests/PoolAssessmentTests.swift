import Calico
import Findings
import Flows
import PacketTestSupport
import Testing
import Wire

@Suite struct PoolAssessmentTests {
    typealias P = Packets

    /// A ping `client` → `server` (identifier `id`) and its reply, on eth0 (point 0), through
    /// IPIP between the given nodes, or plain when `nodes` is nil.
    static func ping(
        _ scenario: inout Scenario, _ client: String, _ server: String, id: UInt16,
        ipip nodes: (client: String, server: String)?, vxlan: Bool = false, at point: Int = 0
    ) {
        let request = P.echo(client, server, identifier: id, request: true)
        let reply = P.echo(server, client, identifier: id, request: false)
        if let nodes {
            let wrap: (Dissection, String, String) -> Dissection = vxlan ? { P.vxlan($0, $1, $2) } : { P.ipip($0, $1, $2) }
            scenario.see(wrap(request, nodes.client, nodes.server), at: point)
            scenario.see(wrap(reply, nodes.server, nodes.client), at: point)
        } else {
            scenario.see(request, at: point)
            scenario.see(reply, at: point)
        }
    }

    static func pair(_ pool: PoolAssessment, _ one: String, _ other: String) -> NodePairSummary? {
        pool.nodePairs.first { Set([$0.lower, $0.upper]) == Set([Lab.ip(one), Lab.ip(other)]) }
    }

    /// Two nodes that both spoke ARP at the uplink share a segment: their pods tunnelling proves
    /// Always (CrossSubnet would have sent them direct).
    @Test func everyInterNodeFlowTunnelledIsAlways() throws {
        var scenario = Scenario([("eth0", 0)])
        scenario.see(Packets.arp(Lab.node1), at: 0)
        scenario.see(Packets.arp(Lab.node2), at: 0)
        Self.ping(&scenario, Lab.podA, Lab.podB, id: 1, ipip: (Lab.node1, Lab.node2))
        Self.ping(&scenario, Lab.podA, Lab.podC, id: 2, ipip: (Lab.node1, Lab.node3))
        let pool = scenario.analyse().pool()
        #expect(pool.behaviour == .always)
        #expect(pool.possibleBehaviours.isEmpty)
        #expect(pool.ipipMode == .always && pool.vxlanMode == .never)
        #expect(pool.encapsulation == .ipip)
        #expect(pool.subnetPrefixLengths == nil)
        #expect(pool.lookAlikeNotes.isEmpty)
        #expect(pool.changes.isEmpty)
        #expect(Self.pair(pool, Lab.node1, Lab.node2)?.sameSubnet == true)
        #expect(Self.pair(pool, Lab.node1, Lab.node3)?.sameSubnet == false)
        #expect(pool.nodePairs.count == 2)
        let sameSubnet = try #require(Self.pair(pool, Lab.node1, Lab.node2))
        #expect(sameSubnet.modes == [.ipip: 1])
        #expect(sameSubnet.commonPrefixLength == 30)
        #expect(Self.pair(pool, Lab.node1, Lab.node3)?.commonPrefixLength == 19)
    }

    /// Without a pair known to share a subnet, every tunnelling pair may cross a boundary:
    /// Always and CrossSubnet look alike, and the pool's ipipMode cannot be told.
    @Test func tunnelledPairsWithoutSubnetEvidenceAreAlwaysOrCrossSubnet() {
        var scenario = Scenario([("eth0", 0)])
        Self.ping(&scenario, Lab.podA, Lab.podB, id: 1, ipip: (Lab.node1, Lab.node2))
        Self.ping(&scenario, Lab.podA, Lab.podC, id: 2, ipip: (Lab.node1, Lab.node3))
        let pool = scenario.analyse().pool()
        #expect(pool.behaviour == .always)
        #expect(pool.possibleBehaviours == [.always, .crossSubnet])
        #expect(pool.ipipMode == nil && pool.vxlanMode == .never)
        #expect(pool.lookAlikeCodes == [.alwaysOrCrossSubnet])
        #expect(pool.nodePairs.allSatisfy { $0.sameSubnet == nil })
    }

    @Test func vxlanAlways() {
        var scenario = Scenario([("eth0", 0)])
        Self.ping(&scenario, Lab.podA, Lab.podB, id: 1, ipip: (Lab.node1, Lab.node2), vxlan: true)
        let pool = scenario.analyse().pool()
        #expect(pool.behaviour == .always)
        #expect(pool.encapsulation == .vxlan)
    }

    @Test func onlyATunnelDeviceCannotTellAlwaysFromCrossSubnet() {
        var scenario = Scenario([("tunl0", 0)], linkType: .raw)
        Self.ping(&scenario, Lab.podA, Lab.podB, id: 1, ipip: nil)
        let pool = scenario.analyse(podNetworks: [Lab.podPool]).pool()
        #expect(pool.behaviour == .always)
        #expect(pool.encapsulation == .ipip)
        #expect(pool.nodePairs.isEmpty)
        #expect(pool.lookAlikeNotes == ["a tunnel device shows only encapsulated traffic: Always and CrossSubnet look alike here"])
    }

    /// Direct pods whose nodes are not known (no tunnel names them): nothing shows a pair across
    /// subnets, so Never and CrossSubnet look alike.
    @Test func everyInterNodeFlowDirectIsNeverOrCrossSubnet() {
        var scenario = Scenario([("eth0", 0)])
        Self.ping(&scenario, Lab.podA, Lab.podB, id: 1, ipip: nil)
        Self.ping(&scenario, Lab.podA, Lab.podC, id: 2, ipip: nil)
        let pool = scenario.analyse(podNetworks: [Lab.podPool]).pool()
        #expect(pool.behaviour == .never)
        #expect(pool.possibleBehaviours == [.never, .crossSubnet])
        #expect(pool.ipipMode == nil && pool.vxlanMode == nil)
        #expect(pool.encapsulation == nil)
        #expect(pool.subnetPrefixLengths == nil)
        #expect(pool.lookAlikeCodes == [.neverOrCrossSubnet])
    }

    /// IPIP between 192.168.10.x and 192.168.20.x (common prefix 19 bits), direct between
    /// 192.168.10.101 and .102 (30 bits): any node subnet of /20 to /30 explains it.
    @Test func encapsulatedAcrossSubnetsAndDirectWithinIsCrossSubnet() throws {
        var scenario = Scenario([("eth0", 0)])
        let requestAC = P.echo(Lab.podA, Lab.podC, identifier: 1, request: true)
        let replyAC = P.echo(Lab.podC, Lab.podA, identifier: 1, request: false)
        let requestBC = P.echo(Lab.podB, Lab.podC, identifier: 2, request: true)
        let replyBC = P.echo(Lab.podC, Lab.podB, identifier: 2, request: false)
        // Interleaved in time, as in a steady CrossSubnet cluster.
        scenario.see(P.ipip(requestAC, Lab.node1, Lab.node3), at: 0)
        scenario.see(P.echo(Lab.podA, Lab.podB, identifier: 3, request: true), at: 0)
        scenario.see(P.ipip(requestBC, Lab.node2, Lab.node3), at: 0)
        scenario.see(P.echo(Lab.podB, Lab.podA, identifier: 3, request: false), at: 0)
        scenario.see(P.ipip(replyBC, Lab.node3, Lab.node2), at: 0)
        scenario.see(P.ipip(replyAC, Lab.node3, Lab.node1), at: 0)
        let analysis = scenario.analyse()
        #expect(analysis.verdict(Lab.podA, Lab.podB)?.mode == .direct)
        #expect(analysis.verdict(Lab.podA, Lab.podB)?.clientNode == Lab.ip(Lab.node1))
        #expect(analysis.verdict(Lab.podA, Lab.podB)?.serverNode == Lab.ip(Lab.node2))
        let pool = analysis.pool()
        #expect(pool.behaviour == .crossSubnet)
        #expect(pool.subnetPrefixLengths == 20...30)
        #expect(pool.encapsulation == .ipip)
        #expect(pool.lookAlikeNotes.isEmpty)
        #expect(pool.nodePairs.map(\.commonPrefixLength) == [30, 19, 19])
        #expect(pool.nodePairs.map(\.modes) == [[.direct: 1], [.ipip: 1], [.ipip: 1]])
    }

    @Test func crossSubnetWithoutTheDirectPairsNodes() {
        var scenario = Scenario([("eth0", 0)])
        Self.ping(&scenario, Lab.podA, Lab.podC, id: 1, ipip: (Lab.node1, Lab.node3))
        // Pods in blocks never seen in a tunnel: their nodes are unknown.
        Self.ping(&scenario, "172.16.1.1", "172.16.2.1", id: 2, ipip: nil)
        let pool = scenario.analyse().pool()
        #expect(pool.behaviour == .crossSubnet)
        #expect(pool.subnetPrefixLengths == nil)
        #expect(pool.lookAlikeNotes == [
            "direct and encapsulated flows both seen; node addresses of the direct pairs are not in the capture"
        ])
    }

    @Test func noSubnetBoundarySeparatesThePairsIsMixed() {
        var scenario = Scenario([("eth0", 0)])
        let request = P.echo(Lab.podA, Lab.podC, identifier: 3, request: true)
        // IPIP within 192.168.10.0/24 (30 bits) and across (19 bits); direct across (19 bits).
        scenario.see(P.ipip(P.echo(Lab.podA, Lab.podB, identifier: 1, request: true), Lab.node1, Lab.node2), at: 0)
        scenario.see(request, at: 0)
        scenario.see(P.ipip(P.echo(Lab.podB, Lab.podC, identifier: 2, request: true), Lab.node2, Lab.node3), at: 0)
        let pool = scenario.analyse().pool()
        #expect(pool.behaviour == .mixed)
        #expect(pool.subnetPrefixLengths == nil)
        #expect(pool.lookAlikeNotes == ["direct and encapsulated node pairs are not separated by any subnet boundary"])
    }

    @Test func twoEncapsulationsAreMixed() {
        var scenario = Scenario([("eth0", 0)])
        scenario.see(P.ipip(P.echo(Lab.podA, Lab.podB, identifier: 1, request: true), Lab.node1, Lab.node2), at: 0)
        scenario.see(P.vxlan(P.echo(Lab.podA, Lab.podC, identifier: 2, request: true), Lab.node1, Lab.node3), at: 0)
        scenario.see(P.ipip(P.echo(Lab.podB, Lab.podA, identifier: 1, request: false), Lab.node2, Lab.node1), at: 0)
        let pool = scenario.analyse().pool()
        #expect(pool.behaviour == .mixed)
        #expect(pool.encapsulation == nil)
        #expect(pool.changes.isEmpty)
        #expect(pool.lookAlikeNotes == ["flows changed carrier during the capture, or several encapsulations are in use"])
    }

    @Test func aPoolSwitchedFromIPIPToVXLAN() throws {
        var scenario = Scenario([("eth0", 0)])
        Self.ping(&scenario, Lab.podA, Lab.podB, id: 1, ipip: (Lab.node1, Lab.node2))
        Self.ping(&scenario, Lab.podA, Lab.podC, id: 2, ipip: (Lab.node1, Lab.node3))
        scenario.clock = 1_000_000
        Self.ping(&scenario, Lab.podA, Lab.podB, id: 3, ipip: (Lab.node1, Lab.node2), vxlan: true)
        let pool = scenario.analyse().pool()
        #expect(pool.behaviour == .mixed)
        let change = try #require(pool.changes.first)
        #expect(pool.changes.count == 1)
        #expect(change.from == .ipip)
        #expect(change.to == .vxlan)
        #expect(change.at == 1_001_000)
        // One finding for the pair that changed (node1 <> node2), with the times on both sides.
        let changed = pool.findings.filter { $0.code == .carrierChanged }
        #expect(changed.count == 1)
        #expect(changed.first?.nodes == [Lab.node1, Lab.node2].map { Packets.address($0).description })
        #expect(changed.first?.detail.hasPrefix("carrier changed from ipip to vxlan between ") == true)
        #expect(changed.first?.evidence.first { $0.name == "at" }?.value == .time(1_001_000))
        #expect(changed.first?.evidence.first { $0.name == "flowsBefore" }?.value == .integer(1))
        #expect(changed.first?.evidence.first { $0.name == "flowsAfter" }?.value == .integer(1))
    }

    @Test func aFlowWithSeveralCarriersMakesThePoolMixed() {
        var scenario = Scenario([("eth0", 0)])
        scenario.see(P.ipip(P.echo(Lab.podA, Lab.podB, identifier: 1, request: true), Lab.node1, Lab.node2), at: 0)
        scenario.see(P.echo(Lab.podB, Lab.podA, identifier: 1, request: false), at: 0)
        let analysis = scenario.analyse()
        #expect(analysis.verdict(Lab.podA, Lab.podB)?.mode == .mixed)
        #expect(analysis.pool().behaviour == .mixed)
    }

    @Test func onlyWireGuardHidesTheMode() {
        var scenario = Scenario([("wireguard.cali", 0)], linkType: .raw)
        Self.ping(&scenario, Lab.podA, Lab.podB, id: 1, ipip: nil)
        Self.ping(&scenario, Lab.podA, Lab.podC, id: 2, ipip: nil)
        let pool = scenario.analyse(podNetworks: [Lab.podPool]).pool()
        #expect(pool.behaviour == .wireguard)
        #expect(pool.encapsulation == nil)
        #expect(pool.lookAlikeNotes == ["WireGuard hides the overlay mode"])
    }

    @Test func noInterNodePodFlowIsUnknown() {
        var scenario = Scenario([("cali1111", 0), ("cali2222", 0)])
        scenario.see(P.echo(Lab.podA, Lab.podA2, identifier: 1, request: true), at: 0)
        scenario.see(P.echo(Lab.podA, Lab.podA2, identifier: 1, request: true), at: 1, duplicate: true)
        let analysis = scenario.analyse(podNetworks: [Lab.podPool])
        #expect(analysis.verdict(Lab.podA, Lab.podA2)?.mode == .local)
        let pool = analysis.pool()
        #expect(pool.behaviour == .unknown)
        #expect(pool.encapsulation == nil)
        #expect(pool.lookAlikeNotes == ["no pod-to-pod flow between nodes in the capture"])
        #expect(PoolAssessment(flows: [], capturePoints: []).behaviour == .unknown)
    }

    @Test func hostFlowsDoNotCount() {
        var scenario = Scenario([("eth0", 0)])
        scenario.see(P.arp(Lab.node1), at: 0)
        scenario.see(P.arp(Lab.node2), at: 0)
        Self.ping(&scenario, Lab.node1, Lab.node2, id: 1, ipip: nil)
        let pool = scenario.analyse().pool()
        #expect(pool.behaviour == .unknown)
    }

    /// Without `--pod-cidr`, flows between addresses nothing proves to be pods (here outside
    /// every assumed pool) give no pool verdict: Unknown, saying so.
    @Test func unprovedAddressesGiveNoVerdict() {
        var scenario = Scenario([("eth0", 0)])
        scenario.see(P.arp(Lab.node1), at: 0)
        Self.ping(&scenario, "10.244.1.5", "10.244.2.5", id: 1, ipip: nil)
        let analysis = scenario.analyse()
        #expect(analysis.verdict("10.244.1.5", "10.244.2.5")?.kind == .hostToHost)
        #expect(analysis.pool().behaviour == .unknown)
        #expect(analysis.pool().findings.map(\.code) == [.noInterNodePodFlow])
    }

    /// Pods in an assumed pool, but nothing proved one: Unknown, with a note that says why.
    @Test func podsOnlyAssumedGiveNoVerdict() {
        var scenario = Scenario([("eth0", 0)])
        Self.ping(&scenario, "192.168.1.5", "192.168.2.5", id: 1, ipip: nil)
        let analysis = scenario.analyse()
        #expect(analysis.plan.source == .assumed)
        #expect(analysis.verdict("192.168.1.5", "192.168.2.5")?.kind == .podToPod)
        let pool = analysis.pool()
        #expect(pool.behaviour == .unknown)
        #expect(pool.findings.map(\.code) == [.noInterNodePodFlow])
        #expect(pool.notes.first?.contains("nothing in the capture proved a pod address") == true)
    }

    /// Pods proved by routing, in a pool that is no default (10.244.0.0/16): node 1 routes its
    /// pod's packet one hop to node 2's MAC, and node 2 answers the same way.
    @Test func podsRoutedBetweenNodesCountWithoutPodCIDR() throws {
        let mac1 = MACAddress(rawValue: 0x02_00_c0_a8_0a_65)
        let mac2 = MACAddress(rawValue: 0x02_00_c0_a8_0a_66)
        var scenario = Scenario([("eth0", 0)])
        scenario.see(P.arp(Lab.node1, mac: mac1), at: 0)
        scenario.see(P.arp(Lab.node2, mac: mac2), at: 0)
        var request = P.framed(P.echo("10.244.1.5", "10.244.2.5", identifier: 1, request: true), source: mac1, destination: mac2)
        request.ip?.timeToLive = 63
        var reply = P.framed(P.echo("10.244.2.5", "10.244.1.5", identifier: 1, request: false), source: mac2, destination: mac1)
        reply.ip?.timeToLive = 63
        scenario.see(request, at: 0)
        scenario.see(reply, at: 0)
        let analysis = scenario.analyse()
        #expect(analysis.plan.source == .inferred)
        #expect(analysis.plan.inferredPool == IPNetwork("10.244.0.0/16"))
        #expect(analysis.verdict("10.244.1.5", "10.244.2.5")?.kind == .podToPod)
        let pool = analysis.pool()
        #expect(pool.behaviour == .never)
        #expect(pool.possibleBehaviours == [.never, .crossSubnet])
        let basis = try #require(pool.findings.first { $0.code == .verdictBasis })
        #expect(basis.detail.contains("1 pod-to-pod flow between nodes, 1 node pair (1 within one subnet, 0 across subnets)"))
        #expect(basis.detail.contains("10.244.0.0/16 inferred from the packets"))
    }
}

extension PoolAssessment {
    /// The notes besides `verdict-basis` (what the verdict rests on, checked on its own).
    var lookAlikeNotes: [String] { findings.filter { $0.code != .verdictBasis }.map(\.detail) }
    var lookAlikeCodes: [FindingCode] { findings.map(\.code).filter { $0 != .verdictBasis } }
}
