import Calico
import Findings
import Flows
import PacketTestSupport
import Testing
import Wire

/// Which overlay a tunnel is, from its port, VNI, inner MACs and the direction its VNIs follow;
/// and what the pool makes of overlays that are not Calico's.
@Suite struct OverlayRulesTests {
    typealias P = Packets

    /// A ping pod A (node 1) → pod B (node 2) and its reply in VXLAN with the given VNIs each way.
    static func vxlanPing(
        _ scenario: inout Scenario, id: UInt16, vni: UInt32, replyVNI: UInt32? = nil, port: UInt16 = 4789,
        vtepMACs: Bool, client: String = Lab.podA, server: String = Lab.podB
    ) {
        let request = P.echo(client, server, identifier: id, request: true)
        let reply = P.echo(server, client, identifier: id, request: false)
        scenario.see(P.vxlan(request, Lab.node1, Lab.node2, vni: vni, port: port, vtepMACs: vtepMACs), at: 0)
        scenario.see(P.vxlan(reply, Lab.node2, Lab.node1, vni: replyVNI ?? vni, port: port, vtepMACs: vtepMACs), at: 0)
    }

    static func judge(_ analysis: Analysis) -> PoolAssessment {
        PoolAssessment.judgingCalicoFlows(analysis.flows, capturePoints: analysis.points, addresses: analysis.plan)
    }

    @Test func calicosVXLANIsCalicos() throws {
        var scenario = Scenario([("eth0", 0)])
        Self.vxlanPing(&scenario, id: 1, vni: 4096, vtepMACs: true)
        let analysis = scenario.analyse(podNetworks: [Lab.podPool])
        let verdict = try #require(analysis.flows.first?.verdict)
        #expect(verdict.mode == .vxlan)
        #expect(verdict.overlay == .calico)
        #expect(!verdict.isCarriedByOtherOverlay)
        let pool = Self.judge(analysis)
        #expect(pool.behaviour != .unknown)
        #expect(!pool.findings.contains { $0.code == .notCalicoOverlay })
    }

    @Test func flannelVXLANIsNamedAndThePoolIsNotJudged() throws {
        var scenario = Scenario([("eth0", 0)])
        Self.vxlanPing(&scenario, id: 1, vni: 1, port: 8472, vtepMACs: false)
        let analysis = scenario.analyse(podNetworks: [Lab.podPool])
        let verdict = try #require(analysis.flows.first?.verdict)
        #expect(verdict.mode == .vxlan)
        #expect(verdict.overlay == .flannel)
        #expect(verdict.isCarriedByOtherOverlay)
        let pool = Self.judge(analysis)
        #expect(pool.behaviour == .unknown)
        #expect(pool.encapsulation == nil)
        #expect(pool.ipipMode == nil && pool.vxlanMode == nil)
        let finding = try #require(pool.findings.first)
        #expect(finding.code == .notCalicoOverlay)
        #expect(pool.findings.count == 1)
        #expect(finding.detail.contains("Flannel VXLAN (UDP 8472; VNI 1; VTEP MACs not Calico's)"))
        #expect(finding.evidence.contains(EvidenceItem("poolJudged", .flag(false))))
    }

    /// Calico VTEP MACs (66:…) outweigh VNI 1: Calico's VXLAN with its VNI set to 1.
    @Test func calicoVTEPMACsMakeItCalicosWhateverTheVNI() throws {
        var scenario = Scenario([("eth0", 0)])
        Self.vxlanPing(&scenario, id: 1, vni: 1, vtepMACs: true)
        #expect(scenario.analyse(podNetworks: [Lab.podPool]).flows.first?.verdict.overlay == .calico)
    }

    /// A VNI the cluster files give Felix (`vxlanVNI`) is Calico's even without its MACs.
    @Test func aConfiguredVNIIsCalicos() throws {
        var scenario = Scenario([("eth0", 0)])
        Self.vxlanPing(&scenario, id: 1, vni: 7000, vtepMACs: false)
        #expect(scenario.analyse(podNetworks: [Lab.podPool]).flows.first?.verdict.overlay == .vxlan)
        let configured = scenario.analyse(podNetworks: [Lab.podPool], overlayRules: OverlayRules(calicoVNIs: [7000]))
        #expect(configured.flows.first?.verdict.overlay == .calico)
    }

    /// Calico eBPF NodePort forwarding (VNI 0xca11c0, inner MACs zero) beside IPIP pod traffic:
    /// named, set aside, and the pool is judged on the IPIP flows.
    @Test func calicoEBPFNodePortForwardingIsSetAside() throws {
        var scenario = Scenario([("eth0", 0)])
        scenario.see(Packets.arp(Lab.node1), at: 0)
        scenario.see(Packets.arp(Lab.node2), at: 0)
        Self.vxlanPing(&scenario, id: 1, vni: 0xca11c0, vtepMACs: false, client: "203.0.113.9")
        PoolAssessmentTests.ping(&scenario, Lab.podA, Lab.podB, id: 2, ipip: (Lab.node1, Lab.node2))
        let analysis = scenario.analyse(podNetworks: [Lab.podPool])
        let forwarded = try #require(analysis.flows.first { $0.record.client.address == Lab.ip("203.0.113.9") })
        #expect(forwarded.verdict.overlay == .calicoEBPFNodePort)
        #expect(forwarded.verdict.mode == .vxlan)
        let pool = Self.judge(analysis)
        #expect(pool.behaviour == .always)
        #expect(pool.encapsulation == .ipip)
        let finding = try #require(pool.findings.first { $0.code == .notCalicoOverlay })
        #expect(finding.evidence.contains(EvidenceItem("overlay", .text("calico-ebpf-nodeport"))))
        #expect(finding.evidence.contains(EvidenceItem("poolJudged", .flag(true))))
    }

    /// VNIs that follow the sender (Cilium's identities) on any port; on 8472 one identity-like
    /// VNI suffices; a VNI outside the identity ranges stays anonymous VXLAN.
    @Test(arguments: [
        (UInt32(48312), UInt32?(20561), UInt16(4789), Overlay.cilium),
        (300, nil, 8472, .cilium),
        (300, nil, 4789, .vxlan),
        (100, nil, 8472, .vxlan),
        (10, 11, 4789, .vxlan),
    ])
    func ciliumIsToldByItsIdentities(vni: UInt32, replyVNI: UInt32?, port: UInt16, overlay: Overlay) throws {
        var scenario = Scenario([("eth0", 0)])
        Self.vxlanPing(&scenario, id: 1, vni: vni, replyVNI: replyVNI, port: port, vtepMACs: false)
        let verdict = try #require(scenario.analyse(podNetworks: [Lab.podPool]).flows.first?.verdict)
        #expect(verdict.overlay == overlay)
        #expect(verdict.mode == .vxlan)
    }

    @Test func geneveAndGREAreNeverCalicos() throws {
        var scenario = Scenario([("eth0", 0)])
        let request = P.echo(Lab.podA, Lab.podB, identifier: 1, request: true)
        scenario.see(P.foreignTunnel(.geneve, request, Lab.node1, Lab.node2), at: 0)
        scenario.see(P.foreignTunnel(.gre, P.echo(Lab.podA, Lab.podC, identifier: 2, request: true), Lab.node1, Lab.node3), at: 0)
        let analysis = scenario.analyse(podNetworks: [Lab.podPool])
        #expect(analysis.flows.map { $0.verdict.overlay } == [.geneve, .gre])
        #expect(analysis.flows.allSatisfy { $0.verdict.mode == .unknown })
        let pool = Self.judge(analysis)
        #expect(pool.behaviour == .unknown)
        #expect(pool.findings.filter { $0.code == .notCalicoOverlay }.count == 2)
    }
}
