import ClusterContext
import Testing
import Wire

/// Felix's route rule on the lab clusters (w1 and w2 share 192.168.10.0/24, w0 is in
/// 192.168.20.0/24) and on the classic misconfigurations.
@Suite struct FelixRouteRuleTests {
    /// What the lab README says carried pod traffic: within the subnet (w1↔w2), across it (w0).
    static let labCarriers: [(scenario: String, within: ExpectedCarrier, across: ExpectedCarrier)] = [
        ("ipip", .ipip, .ipip),
        ("vxlan", .vxlan, .vxlan),
        ("direct", .direct, .direct),
        ("direct-rkp", .direct, .direct),
        ("crosssubnet", .direct, .ipip),
        ("vxlan-crosssubnet", .direct, .vxlan),
        ("dualstack-vxlan-crosssubnet", .direct, .vxlan),
        ("wireguard", .wireGuard, .wireGuard),
    ]

    @Test(arguments: labCarriers.map(\.scenario))
    func labNodePairsGetTheModeTheLabUsed(scenario: String) throws {
        let context = try ClusterFixtures.labContext(scenario)
        let expected = try #require(Self.labCarriers.first { $0.scenario == scenario })
        let w1 = try #require(context.node(named: "w1"))
        let w2 = try #require(context.node(named: "w2"))
        let w0 = try #require(context.node(named: "w0"))
        for pool in context.pools {
            #expect(try FelixRouteRule.expectedCarrier(from: w1, to: w2, pool: pool) == expected.within)
            #expect(try FelixRouteRule.expectedCarrier(from: w2, to: w1, pool: pool) == expected.within)
            for (local, remote) in [(w1, w0), (w0, w1), (w2, w0), (w0, w2)] {
                #expect(try FelixRouteRule.expectedCarrier(from: local, to: remote, pool: pool) == expected.across)
            }
            #expect(try FelixRouteRule.expectedCarrier(from: w0, to: w0, pool: pool) == .local)
        }
    }

    @Test(arguments: labCarriers.map(\.scenario))
    func labPodPairsGetTheModeTheLabUsed(scenario: String) throws {
        let context = try ClusterFixtures.labContext(scenario)
        let expected = try #require(Self.labCarriers.first { $0.scenario == scenario })
        func carrier(_ source: String, _ destination: String) throws -> ExpectedCarrier {
            try context.expectedCarrier(
                fromPodAt: ClusterFixtures.address(source), toPodAt: ClusterFixtures.address(destination))
        }
        #expect(try carrier("172.16.158.1", "172.16.158.2") == .local)
        #expect(try carrier("172.16.158.1", "172.16.184.2") == expected.within)
        #expect(try carrier("172.16.34.1", "172.16.184.1") == expected.across)
        #expect(throws: CarrierExpectationError.podUnknown(ClusterFixtures.address("172.16.99.9"))) {
            try carrier("172.16.158.1", "172.16.99.9")
        }
    }

    @Test func expectationsExplainThemselves() throws {
        let context = try ClusterFixtures.labContext("crosssubnet")
        func explain(_ source: String, _ destination: String) throws -> String {
            try context.expectation(
                fromPodAt: ClusterFixtures.address(source), toPodAt: ClusterFixtures.address(destination)
            ).description
        }
        #expect(try explain("172.16.158.1", "172.16.34.1")
            == "ipip: pool default-ipv4-ippool is CrossSubnet and w0 (192.168.20.100) is outside w1's 192.168.10.0/24")
        #expect(try explain("172.16.158.1", "172.16.184.1")
            == "direct: pool default-ipv4-ippool is CrossSubnet and w2 (192.168.10.102) is inside w1's 192.168.10.0/24")
        #expect(try explain("172.16.158.1", "172.16.158.2") == "local: both ends are on w1")
        let vxlan = try ClusterFixtures.labContext("vxlan")
        #expect(try vxlan.expectation(
            fromPodAt: ClusterFixtures.address("172.16.34.1"), toPodAt: ClusterFixtures.address("172.16.184.1")
        ).description == "vxlan: pool default-ipv4-ippool is vxlanMode Always")
        let wireguard = try ClusterFixtures.labContext("wireguard")
        #expect(try wireguard.expectation(
            fromPodAt: ClusterFixtures.address("172.16.34.1"), toPodAt: ClusterFixtures.address("172.16.184.1")
        ).description == "wireguard: w0 and w2 both publish a WireGuard key")
    }

    @Test func installationEncapsulationsMapToPoolModes() {
        let modes = InstallationEncapsulation.allCases.map { "\($0)=\($0.ipipMode)/\($0.vxlanMode)" }
        #expect(modes == [
            "IPIP=Always/Never", "IPIPCrossSubnet=CrossSubnet/Never", "VXLAN=Never/Always",
            "VXLANCrossSubnet=Never/CrossSubnet", "None=Never/Never",
        ])
    }

    /// calicoctl-nodes.yaml registers w9 with 192.168.10.109/32, in w1's and w2's /24.
    @Test func hostPrefixNodeTunnelsUnderCrossSubnet() throws {
        let context = try ClusterContextLoader.loadContext(paths: [
            ClusterFixtures.lab("crosssubnet", "nodes.yaml"), ClusterFixtures.cluster("calicoctl-nodes.yaml"),
            ClusterFixtures.lab("crosssubnet", "ippools.yaml"),
        ])
        let pool = try #require(context.pools.first)
        let w1 = try #require(context.node(named: "w1"))
        let w9 = try #require(context.node(named: "w9"))
        #expect(w9.calicoIPv4Address?.isHostPrefix == true)
        // From w9 the /32 contains no other node: CrossSubnet acts as Always.
        #expect(try FelixRouteRule.expectedCarrier(from: w9, to: w1, pool: pool) == .ipip)
        #expect(try FelixRouteRule.isSameSubnet(local: w9, remote: w1, forIPv6: false) == false)
        // From w1 its /24 holds w9's address: direct. The rule is the local node's.
        #expect(try FelixRouteRule.expectedCarrier(from: w1, to: w9, pool: pool) == .direct)
    }

    /// Two pools: the default (IPIP CrossSubnet) and edge-pool (VXLAN Always, selector not evaluated).
    /// Each direction takes the destination pool's mode.
    @Test func severalPoolsEachDirectionUsesTheDestinationPool() throws {
        let context = try ClusterContextLoader.loadContext(paths: [
            ClusterFixtures.lab("crosssubnet", "nodes.yaml"), ClusterFixtures.lab("crosssubnet", "pods-wide.txt"),
            ClusterFixtures.cluster("calicoctl-node-w3.json"), ClusterFixtures.cluster("crd-ippools.yaml"),
            ClusterFixtures.cluster("pods.yaml"),
        ])
        let onW1 = ClusterFixtures.address("172.16.158.1")
        let onW2 = ClusterFixtures.address("172.16.184.1")
        let onW3 = ClusterFixtures.address("10.244.1.2")
        #expect(context.pool(containing: onW3)?.name == "edge-pool")
        #expect(context.pool(containing: onW1)?.name == "default-ipv4-ippool")
        #expect(try context.expectedCarrier(fromPodAt: onW1, toPodAt: onW3) == .vxlan)
        #expect(try context.expectedCarrier(fromPodAt: onW3, toPodAt: onW1) == .ipip)
        #expect(try context.expectedCarrier(fromPodAt: onW1, toPodAt: onW2) == .direct)
        // w3 publishes a WireGuard key, w1 does not: no WireGuard between them.
        #expect(context.node(named: "w3")?.wireGuardPublicKey != nil)
        #expect(context.poolsWithUnevaluatedSelectors.map(\.name) == ["edge-pool"])
        #expect(context.isNodeSelectorEvaluated(for: try #require(context.pool(containing: onW1))))
    }

    @Test func bothModesEnabledIsReported() throws {
        let w1 = Self.node("w1", "192.168.10.101/24")
        let w2 = Self.node("w2", "192.168.10.102/24")
        let pool = Self.pool("both", "172.16.0.0/16", ipip: .always, vxlan: .crossSubnet)
        #expect(pool.configurationProblem == .bothEncapsulationsEnabled(ipipMode: .always, vxlanMode: .crossSubnet))
        #expect(throws: CarrierExpectationError.invalidPool(name: "both", pool.configurationProblem ?? .ipipOnIPv6Pool(.always))) {
            try FelixRouteRule.expectedCarrier(from: w1, to: w2, pool: pool)
        }
        let error = CarrierExpectationError.invalidPool(
            name: "both", .bothEncapsulationsEnabled(ipipMode: .always, vxlanMode: .crossSubnet))
        #expect(error.description == "pool both is invalid in Calico: ipipMode Always and vxlanMode CrossSubnet cannot both be enabled")
    }

    @Test func ipv6PoolsUseVXLANOnly() throws {
        let w1 = Self.node("w1", "192.168.10.101/24", ipv6: "fd00:0:0:10::101/64")
        let w2 = Self.node("w2", "192.168.20.102/24", ipv6: "fd00:0:0:10::102/64")
        let ipip = Self.pool("v6-ipip", "fd00:10:244::/56", ipip: .always)
        #expect(ipip.configurationProblem == .ipipOnIPv6Pool(.always))
        #expect(throws: CarrierExpectationError.self) { try FelixRouteRule.expectedCarrier(from: w1, to: w2, pool: ipip) }
        // The IPv6 rule uses the IPv6 subnets: the nodes share fd00:0:0:10::/64 though not their IPv4 subnet.
        let vxlan = Self.pool("v6", "fd00:10:244::/56", vxlan: .crossSubnet)
        #expect(try FelixRouteRule.expectedCarrier(from: w1, to: w2, pool: vxlan) == .direct)
        let v4 = Self.pool("v4", "172.16.0.0/16", vxlan: .crossSubnet)
        #expect(try FelixRouteRule.expectedCarrier(from: w1, to: w2, pool: v4) == .vxlan)
    }

    @Test func crossSubnetWithoutTheLocalPrefixCannotBeDecided() throws {
        let bare = ClusterNode(name: "bare", internalAddresses: [ClusterFixtures.address("192.168.10.5")])
        let w1 = Self.node("w1", "192.168.10.101/24")
        let pool = Self.pool("cs", "172.16.0.0/16", ipip: .crossSubnet)
        #expect(throws: CarrierExpectationError.localSubnetUnknown(node: "bare", isIPv6: false)) {
            try FelixRouteRule.expectedCarrier(from: bare, to: w1, pool: pool)
        }
        // The remote side may be known by its InternalIP alone.
        #expect(try FelixRouteRule.expectedCarrier(from: w1, to: bare, pool: pool) == .direct)
        // Always and Never need no subnet.
        #expect(try FelixRouteRule.expectedCarrier(from: bare, to: w1, pool: Self.pool("a", "172.16.0.0/16", ipip: .always)) == .ipip)
        #expect(try FelixRouteRule.expectedCarrier(from: bare, to: w1, pool: Self.pool("n", "172.16.0.0/16")) == .direct)
    }

    static func node(_ name: String, _ ipv4: String, ipv6: String? = nil) -> ClusterNode {
        ClusterNode(name: name, calicoIPv4Address: PrefixedAddress(ipv4), calicoIPv6Address: ipv6.flatMap { PrefixedAddress($0) })
    }

    static func pool(
        _ name: String, _ cidr: String, ipip: EncapsulationMode = .never, vxlan: EncapsulationMode = .never,
        disabled: Bool = false
    ) -> ConfiguredPool {
        ConfiguredPool(
            name: name, cidr: ClusterFixtures.network(cidr), ipipMode: ipip, vxlanMode: vxlan, isDisabled: disabled,
            source: ClusterSource(file: "test", kind: .calicoIPPool))
    }
}
