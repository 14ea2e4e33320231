import Calico
import PacketTestSupport
import Testing
import Wire

@Suite struct AddressPlanTests {
    static func network(_ text: String) -> IPNetwork {
        guard let network = IPNetwork(text) else { preconditionFailure("bad prefix \(text)") }
        return network
    }

    /// Evidence from one IPIP exchange on eth0 (capture point 0): pod A on node 1 talks to pod B
    /// on node 2.
    static func ipipEvidence() -> AddressEvidence {
        var evidence = AddressEvidence()
        let ping = Packets.echo(Lab.podA, Lab.podB, identifier: 1, request: true)
        let pong = Packets.echo(Lab.podB, Lab.podA, identifier: 1, request: false)
        evidence.learn(fromFirstObservation: Packets.ipip(ping, Lab.node1, Lab.node2), capturePoint: 0)
        evidence.learn(fromFirstObservation: Packets.ipip(pong, Lab.node2, Lab.node1), capturePoint: 0)
        return evidence
    }

    @Test func explicitPodNetworksWin() {
        var evidence = Self.ipipEvidence()
        evidence.learnARP(from: Packets.arp("10.244.0.1"), capturePoint: 0)
        let plan = AddressPlan(
            explicitPodNetworks: [Self.network("10.244.0.0/16")], evidence: evidence, uplinkPoints: [0])
        #expect(plan.explicit)
        #expect(plan.podNetworks == [Self.network("10.244.0.0/16")])
        #expect(plan.assumedDefaultPool == nil)
        #expect(plan.learnedBlocks.isEmpty)
        #expect(plan.isPod(Lab.ip("10.244.3.7")))
        // Given explicitly, a pod network is believed even where an address looks like a host.
        #expect(plan.isPod(Lab.ip("10.244.0.1")))
        // Learned tunnel addresses do not extend explicit networks.
        #expect(!plan.isPod(Lab.ip(Lab.podA)))
        #expect(!plan.isPod(Lab.ip("192.168.1.1")))
    }

    @Test func defaultPoolWhenNothingContradictsIt() {
        let plan = AddressPlan(explicitPodNetworks: [], evidence: AddressEvidence(), uplinkPoints: [])
        #expect(!plan.explicit)
        #expect(plan.assumedDefaultPool == Self.network("192.168.0.0/16"))
        #expect(plan.podNetworks == [Self.network("192.168.0.0/16")])
        #expect(plan.isPod(Lab.ip("192.168.5.5")))
        #expect(!plan.isPod(Lab.ip("172.16.0.5")))
        #expect(!plan.isPod(Lab.ip("fd00::1")))
    }

    /// Tunnel inner addresses in 172.16.0.0/12 infer the pool: their common prefix widened to
    /// /16 (the nodes in 192.168.0.0/16 are outside it).
    @Test func tunnelBlocksInferThePool() {
        let plan = AddressPlan(explicitPodNetworks: [], evidence: Self.ipipEvidence(), uplinkPoints: [0])
        #expect(plan.hostAddresses == [Lab.ip(Lab.node1), Lab.ip(Lab.node2)])
        #expect(plan.source == .inferred)
        #expect(plan.inferredPool == Self.network("172.16.0.0/16"))
        #expect(plan.assumedDefaultPool == nil)
        #expect(plan.learnedBlocks == [Self.network("172.16.158.0/26"), Self.network("172.16.184.0/26")])
        #expect(plan.podNetworks == [Self.network("172.16.0.0/16")])
        #expect(plan.podEvidence.tunnelInner == 2)
        #expect(!plan.isEvidenceThin)
        #expect(plan.isPod(Lab.ip(Lab.podA)))
        #expect(plan.isPod(Lab.ip("172.16.7.7")))  // elsewhere in the inferred pool
        #expect(!plan.isPod(Lab.ip(Lab.node1)))
        #expect(!plan.isPod(Lab.ip("192.168.10.50")))
    }

    @Test func arpSendersOnAnUplinkAreHosts() {
        var evidence = AddressEvidence()
        evidence.learnARP(from: Packets.arp("192.168.10.1"), capturePoint: 0)
        evidence.learnARP(from: Packets.arp("172.16.0.1"), capturePoint: 1)  // not an uplink: ignored
        let plan = AddressPlan(explicitPodNetworks: [], evidence: evidence, uplinkPoints: [0])
        #expect(plan.hostAddresses == [Lab.ip("192.168.10.1")])
        #expect(plan.assumedDefaultPool == Self.network("172.16.0.0/16"))
    }

    @Test func nextFallbackWhen172_16AlsoHoldsHosts() {
        var evidence = AddressEvidence()
        evidence.learnARP(from: Packets.arp("192.168.10.1"), capturePoint: 0)
        evidence.learnARP(from: Packets.arp("172.16.0.1"), capturePoint: 0)
        let plan = AddressPlan(explicitPodNetworks: [], evidence: evidence, uplinkPoints: [0])
        #expect(plan.assumedDefaultPool == Self.network("172.17.0.0/16"))
    }

    /// One block only: a pool is inferred, but the evidence is thin (`--pod-cidr` is suggested).
    @Test func learnedBlocksOutsideEveryCandidatePoolReplaceTheDefault() {
        var evidence = AddressEvidence()
        let ping = Packets.echo("10.244.1.9", "10.244.1.10", identifier: 1, request: true)
        evidence.learn(fromFirstObservation: Packets.ipip(ping, Lab.node1, Lab.node2), capturePoint: 0)
        let plan = AddressPlan(explicitPodNetworks: [], evidence: evidence, uplinkPoints: [0])
        #expect(plan.assumedDefaultPool == nil)
        #expect(plan.inferredPool == Self.network("10.244.0.0/16"))
        #expect(plan.podNetworks == [Self.network("10.244.0.0/16")])
        #expect(plan.isEvidenceThin)
        #expect(plan.isPod(Lab.ip("10.244.1.100")))
        #expect(!plan.isPod(Lab.ip("172.16.0.1")))
    }

    /// Blocks in two private ranges: no pool is inferred; the blocks alone are pods.
    @Test func blocksInTwoRangesInferNoPool() {
        var evidence = AddressEvidence()
        let ping = Packets.echo("10.244.1.9", "100.64.2.9", identifier: 1, request: true)
        evidence.learn(fromFirstObservation: Packets.ipip(ping, Lab.node1, Lab.node2), capturePoint: 0)
        let plan = AddressPlan(explicitPodNetworks: [], evidence: evidence, uplinkPoints: [0])
        #expect(plan.inferredPool == nil)
        #expect(plan.source == .learned)
        #expect(plan.podNetworks == [Self.network("10.244.1.0/26"), Self.network("100.64.2.0/26")])
        #expect(plan.isEvidenceThin)
        #expect(!plan.isPod(Lab.ip("10.244.1.100")))
    }

    /// A known host inside the /16 the blocks would widen to: the pool stays narrower.
    @Test func inferredPoolStopsShortOfHosts() {
        var evidence = AddressEvidence()
        let ping = Packets.echo("10.0.129.9", "10.0.200.9", identifier: 1, request: true)
        evidence.learn(fromFirstObservation: Packets.ipip(ping, "10.0.0.11", "10.0.0.12"), capturePoint: 0)
        let plan = AddressPlan(explicitPodNetworks: [], evidence: evidence, uplinkPoints: [0])
        #expect(plan.inferredPool == Self.network("10.0.128.0/17"))
        #expect(!plan.isPod(Lab.ip("10.0.0.11")))
        #expect(!plan.isPod(Lab.ip("10.0.5.5")))
        #expect(plan.isPod(Lab.ip("10.0.130.1")))
    }

    /// Plain packets on an uplink routed between two nodes (framed to a host's MAC, ARP tying
    /// that MAC to another address; or from it one hop from their origin) prove pod blocks;
    /// what goes through a router (public addresses, packets from further away) proves nothing.
    @Test func packetsRoutedBetweenNodesProvePods() {
        let node1 = MACAddress(rawValue: 0x02_00_00_00_00_01)
        let node2 = MACAddress(rawValue: 0x02_00_00_00_00_02)
        let router = MACAddress(rawValue: 0x02_00_00_00_00_fe)
        var evidence = AddressEvidence()
        evidence.learnARP(from: Packets.arp(Lab.node1, mac: node1), capturePoint: 0)
        evidence.learnARP(from: Packets.arp(Lab.node2, mac: node2), capturePoint: 0)
        evidence.learnARP(from: Packets.arp("192.168.10.1", mac: router), capturePoint: 0)
        func framed(_ source: String, _ destination: String, _ from: MACAddress, _ to: MACAddress, ttl: UInt8) -> Dissection {
            var packet = Packets.framed(Packets.echo(source, destination, identifier: 1, request: true), source: from, destination: to)
            packet.ip?.timeToLive = ttl
            return packet
        }
        // Pod 10.244.1.5 on node 1 to pod 10.244.2.5 on node 2.
        evidence.learn(fromFirstObservation: framed("10.244.1.5", "10.244.2.5", node1, node2, ttl: 63), capturePoint: 0)
        // Node 1's own packet to node 2: both ends are the hosts themselves.
        evidence.learn(fromFirstObservation: framed(Lab.node1, Lab.node2, node1, node2, ttl: 64), capturePoint: 0)
        // Through the router: to the internet, and back from a host two hops away.
        evidence.learn(fromFirstObservation: framed("10.244.1.6", "8.8.8.8", node1, router, ttl: 63), capturePoint: 0)
        evidence.learn(fromFirstObservation: framed("10.9.9.9", "10.244.1.7", router, node1, ttl: 61), capturePoint: 0)
        let plan = AddressPlan(explicitPodNetworks: [], evidence: evidence, uplinkPoints: [0])
        #expect(plan.learnedBlocks == [Self.network("10.244.1.0/26"), Self.network("10.244.2.0/26")])
        #expect(plan.podEvidence.routedBetweenNodes == 2)
        #expect(plan.inferredPool == Self.network("10.244.0.0/16"))
        #expect(!plan.isPod(Lab.ip("10.9.9.9")))
        #expect(!plan.isPod(Lab.ip(Lab.node2)))
        #expect(plan.node(ofPod: Lab.ip("10.244.1.5")) == Lab.ip(Lab.node1))
        // On a point that is not an uplink (a veth), the same packets prove nothing.
        let elsewhere = AddressPlan(explicitPodNetworks: [], evidence: evidence, uplinkPoints: [])
        #expect(elsewhere.podEvidence.routedBetweenNodes == 0)
    }

    /// Without ARP in the capture, a packet one hop from its origin still proves its source sits
    /// behind the host that sent the frame; a host's own packet (TTL 64) proves nothing.
    @Test func oneHopFromItsOriginProvesPodsWithoutARP() {
        let node1 = MACAddress(rawValue: 0x02_30_00_00_00_01)
        let node2 = MACAddress(rawValue: 0x02_30_00_00_00_02)
        var evidence = AddressEvidence()
        var request = Packets.framed(Packets.echo("10.244.1.2", "10.244.2.2", identifier: 1, request: true), source: node1, destination: node2)
        request.ip?.timeToLive = 63
        var own = Packets.framed(Packets.echo("10.30.0.1", "10.30.0.2", identifier: 2, request: true), source: node1, destination: node2)
        own.ip?.timeToLive = 64
        evidence.learn(fromFirstObservation: request, capturePoint: 0)
        evidence.learn(fromFirstObservation: own, capturePoint: 0)
        let plan = AddressPlan(explicitPodNetworks: [], evidence: evidence, uplinkPoints: [0])
        #expect(plan.learnedBlocks == [Self.network("10.244.1.0/26")])
        #expect(plan.inferredPool == Self.network("10.244.0.0/16"))
        #expect(plan.isEvidenceThin)
    }

    /// Multicast, broadcast and link-local addresses never become pod blocks (an IPv6 neighbour
    /// solicitation on a tunnel device names a solicited-node group).
    @Test func multicastIsNeverAPod() {
        var evidence = AddressEvidence()
        evidence.learn(fromFirstObservation: Packets.echo("10.244.1.9", "224.0.0.251", identifier: 1, request: true), capturePoint: 1)
        evidence.learn(fromFirstObservation: Packets.echo("fd00:10:244::9e01", "ff02::1:ff00:9e00", identifier: 1, request: true), capturePoint: 1)
        let plan = AddressPlan(explicitPodNetworks: [], evidence: evidence, uplinkPoints: [], podSidePoints: [1])
        #expect(plan.learnedBlocks == [Self.network("10.244.1.0/26"), Self.network("fd00:10:244::9e00/122")])
    }

    @Test func nodeOfAPodComesFromTheTunnelOuterHeader() {
        let plan = AddressPlan(explicitPodNetworks: [], evidence: Self.ipipEvidence(), uplinkPoints: [0])
        #expect(plan.node(ofPod: Lab.ip(Lab.podA)) == Lab.ip(Lab.node1))
        #expect(plan.node(ofPod: Lab.ip(Lab.podB)) == Lab.ip(Lab.node2))
        #expect(plan.node(ofPod: Lab.ip("172.16.158.60")) == Lab.ip(Lab.node1))  // same /26 block
        #expect(plan.node(ofPod: Lab.ip(Lab.podC)) == nil)
    }

    @Test func onlyCalicoLookingVXLANTeachesPods() {
        var evidence = AddressEvidence()
        let ping = Packets.echo("10.244.1.9", "10.244.2.9", identifier: 1, request: true)
        // Flannel-style VXLAN: VNI 1, no 66: MACs. The outer endpoints are still nodes.
        evidence.learn(
            fromFirstObservation: Packets.vxlan(ping, Lab.node1, Lab.node2, vni: 1, port: 8472, vtepMACs: false),
            capturePoint: 0)
        #expect(evidence.nodeAddresses == [Lab.ip(Lab.node1), Lab.ip(Lab.node2)])
        #expect(evidence.podAddresses.isEmpty)
        evidence.learn(fromFirstObservation: Packets.vxlan(ping, Lab.node1, Lab.node2, vni: 4096, vtepMACs: false), capturePoint: 0)
        #expect(evidence.podAddresses == [Lab.ip("10.244.1.9"), Lab.ip("10.244.2.9")])
    }

    @Test func workloadVethFramesNamePods() {
        var evidence = AddressEvidence()
        let ping = Packets.echo(Lab.podA, "10.96.0.10", identifier: 1, request: true)
        evidence.learnWorkload(from: Packets.framed(ping, source: MACAddress(rawValue: 0x0a_58_ac_10_9e_01), destination: .calicoWorkloadHost))
        let reply = Packets.echo("10.96.0.10", Lab.podA2, identifier: 1, request: false)
        evidence.learnWorkload(from: Packets.framed(reply, source: .calicoWorkloadHost, destination: MACAddress(rawValue: 0x0a_58_ac_10_9e_02)))
        #expect(evidence.podAddresses == [Lab.ip(Lab.podA), Lab.ip(Lab.podA2)])
        #expect(evidence.blockNodes.isEmpty)
    }

    @Test func plainBlocksOfTunnelDevicesArePodBlocks() {
        var evidence = AddressEvidence()
        // Plain pod packets on tunl0 (point 1) and on eth0 (point 0).
        evidence.learn(fromFirstObservation: Packets.echo("10.244.1.9", "10.244.2.9", identifier: 1, request: true), capturePoint: 1)
        evidence.learn(fromFirstObservation: Packets.echo("10.50.0.1", "10.50.0.2", identifier: 1, request: true), capturePoint: 0)
        let plan = AddressPlan(explicitPodNetworks: [], evidence: evidence, uplinkPoints: [0], podSidePoints: [1])
        #expect(plan.learnedBlocks == [Self.network("10.244.1.0/26"), Self.network("10.244.2.0/26")])
        #expect(plan.isPod(Lab.ip("10.244.2.1")))
        #expect(!plan.isPod(Lab.ip("10.50.0.1")))
    }
}
