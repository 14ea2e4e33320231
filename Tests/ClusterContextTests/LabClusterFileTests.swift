import ClusterContext
import Testing
import Wire

/// Every lab scenario's cluster files load, with the exact nodes, addresses, pools and pods.
@Suite struct LabClusterFileTests {
    @Test(arguments: ClusterFixtures.labScenarios)
    func nodesFileHasThreeNodesWithCalicoAddresses(scenario: String) throws {
        let file = try ClusterContextLoader.load(path: ClusterFixtures.lab(scenario, "nodes.yaml"))
        #expect(file.kinds == [.kubernetesNode])
        #expect(file.nodes.map(\.name) == ["w1", "w2", "w0"])
        #expect(file.pools.isEmpty && file.pods.isEmpty)
        let expected = [("w1", "192.168.10.101"), ("w2", "192.168.10.102"), ("w0", "192.168.20.100")]
        for (node, (name, address)) in zip(file.nodes, expected) {
            #expect(node.name == name)
            #expect(node.calicoIPv4Address?.description == "\(address)/24")
            #expect(node.internalAddresses.first == ClusterFixtures.address(address))
            #expect(node.sources == [ClusterSource(file: ClusterFixtures.lab(scenario, "nodes.yaml"), kind: .kubernetesNode)])
        }
        let isDualStack = scenario.hasPrefix("dualstack")
        #expect(file.nodes.allSatisfy { $0.internalAddresses.count == (isDualStack ? 2 : 1) })
        #expect(file.nodes.allSatisfy { ($0.calicoIPv6Address != nil) == isDualStack })
    }

    @Test(arguments: ClusterFixtures.labScenarios)
    func tunnelAddressesMatchTheMode(scenario: String) throws {
        let file = try ClusterContextLoader.load(path: ClusterFixtures.lab(scenario, "nodes.yaml"))
        let blockStarts = ["172.16.158.0", "172.16.184.0", "172.16.34.0"].map { IPv4Address($0) }
        let isIPIP = scenario == "ipip" || scenario == "crosssubnet"
        let isVXLAN = scenario.contains("vxlan")
        #expect(file.nodes.map(\.ipipTunnelAddress) == (isIPIP ? blockStarts : [nil, nil, nil]))
        #expect(file.nodes.map(\.vxlanTunnelIPv4Address) == (isVXLAN ? blockStarts : [nil, nil, nil]))
        #expect(file.nodes.map(\.wireGuardInterfaceIPv4Address) == (scenario == "wireguard" ? blockStarts : [nil, nil, nil]))
        #expect(file.nodes.allSatisfy { ($0.wireGuardPublicKey != nil) == (scenario == "wireguard") })
        // The VXLAN scenarios name their VTEP MACs; elsewhere Felix's derived ones stand in.
        #expect(file.nodes.allSatisfy { $0.vxlanTunnelIPv4MAC.isGiven == isVXLAN })
        if isVXLAN {
            #expect(file.nodes.map(\.vxlanTunnelIPv4MAC.address.description)
                == ["66:00:ac:10:9e:00", "66:00:ac:10:b8:00", "66:00:ac:10:22:00"])
        }
    }

    @Test func dualStackNodesHaveIPv6TunnelAddressesAndMACs() throws {
        let file = try ClusterContextLoader.load(path: ClusterFixtures.lab("dualstack-vxlan-crosssubnet", "nodes.yaml"))
        #expect(file.nodes.map { $0.calicoIPv6Address?.description }
            == ["fd00:0:0:10::101/64", "fd00:0:0:10::102/64", "fd00:0:0:20::100/64"])
        #expect(file.nodes.map { $0.vxlanTunnelIPv6Address?.description }
            == ["fd00:10:244::9e00", "fd00:10:244::b800", "fd00:10:244::2200"])
        #expect(file.nodes.map(\.vxlanTunnelIPv6MAC) == ["66:06:00:00:9e:00", "66:06:00:00:b8:00", "66:06:00:00:22:00"]
            .map { TunnelEndpointMAC(address: MACAddress(rawValue: Self.mac($0)), isGiven: true) })
    }

    @Test(arguments: ClusterFixtures.labScenarios)
    func poolFilesAgree(scenario: String) throws {
        let pools = try ClusterContextLoader.load(path: ClusterFixtures.lab(scenario, "ippools.yaml"))
        let installation = try ClusterContextLoader.load(path: ClusterFixtures.lab(scenario, "installation.yaml"))
        #expect(pools.kinds == [.calicoIPPool])
        #expect(installation.kinds == [.installation])
        let isDualStack = scenario.hasPrefix("dualstack")
        let names = isDualStack ? ["default-ipv4-ippool", "default-ipv6-ippool"] : ["default-ipv4-ippool"]
        #expect(pools.pools.map(\.name) == names)
        #expect(installation.pools.map(\.name) == names)
        #expect(pools.pools.first?.cidr == ClusterFixtures.network("172.16.0.0/16"))
        #expect(pools.pools.first?.blockSize == 26)
        #expect(pools.pools.allSatisfy { $0.nodeSelector == "all()" && $0.isNodeSelectorEvaluated && !$0.isDisabled })
        if isDualStack {
            #expect(pools.pools.last?.cidr == ClusterFixtures.network("fd00:10:244::/56"))
            #expect(pools.pools.last?.blockSize == 122)
        }
        let modes = Self.modes[scenario]
        #expect(pools.pools.allSatisfy { ($0.ipipMode, $0.vxlanMode) == modes ?? (.never, .never) })
        // The operator's encapsulation gives the same modes as the pool resource.
        for (resource, seeded) in zip(pools.pools, installation.pools) {
            #expect(resource.cidr == seeded.cidr && resource.blockSize == seeded.blockSize)
            #expect(resource.ipipMode == seeded.ipipMode && resource.vxlanMode == seeded.vxlanMode)
        }
    }

    @Test(arguments: ClusterFixtures.labScenarios)
    func podTableHasNinePods(scenario: String) throws {
        let file = try ClusterContextLoader.load(path: ClusterFixtures.lab(scenario, "pods-wide.txt"))
        #expect(file.kinds == [.podTable])
        #expect(file.pods.count == 9)
        #expect(file.pods.filter { $0.namespace == "default" }.map(\.name)
            == ["w1-p0", "w1-p1", "w2-p0", "w2-p1", "w0-p0", "w0-p1"])
        #expect(file.pods.filter { $0.namespace == "kube-system" }.count == 3)
        #expect(file.pods.first?.addresses == [ClusterFixtures.address("172.16.158.1")])
        #expect(file.pods.first?.nodeName == "w1")
        #expect(file.pods.first?.status == "Running")
        #expect(file.pods.allSatisfy { $0.isHostNetwork == nil })
    }

    @Test(arguments: ClusterFixtures.labScenarios)
    func mergedContextHasOneOfEverything(scenario: String) throws {
        let context = try ClusterFixtures.labContext(scenario)
        #expect(context.files.count == 4)
        #expect(context.nodes.count == 3)
        #expect(context.pools.count == (scenario.hasPrefix("dualstack") ? 2 : 1))
        // The pool resource is kept over the Installation's copy of it.
        #expect(context.pools.allSatisfy { $0.source.kind == .calicoIPPool })
        #expect(context.pods.count == 9)
        #expect(context.notes.isEmpty)
        // calico-node pods share their node's address: they are host-network, not workloads.
        #expect(context.pod(at: ClusterFixtures.address("192.168.10.101")) == nil)
        #expect(context.pods(at: ClusterFixtures.address("192.168.10.101")).map(\.name) == ["calico-node-2927b"])
        #expect(context.pod(at: ClusterFixtures.address("172.16.34.2"))?.name == "w0-p1")
        #expect(context.node(hostingPodAt: ClusterFixtures.address("172.16.184.1"))?.name == "w2")
    }

    static let modes: [String: (EncapsulationMode, EncapsulationMode)] = [
        "ipip": (.always, .never), "crosssubnet": (.crossSubnet, .never), "vxlan": (.never, .always),
        "vxlan-crosssubnet": (.never, .crossSubnet), "dualstack-vxlan-crosssubnet": (.never, .crossSubnet),
    ]

    static func mac(_ text: String) -> UInt64 {
        UInt64(text.filter { $0 != ":" }, radix: 16) ?? 0
    }
}
