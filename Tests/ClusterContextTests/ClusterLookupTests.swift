import ClusterContext
import Testing
import Wire

/// Felix's derived VTEP MACs and the context's lookups by address, MAC and pool.
@Suite struct ClusterLookupTests {
    /// `printf '%s' w1 | sha1sum` → 2927b4649cf4307f990009a16d33a38ceea4c866:
    /// 0x66 then the first five bytes.
    static let w1MAC = MACAddress(rawValue: 0x66_29_27_b4_64_9c)
    /// `printf '%s' w1-v6 | sha1sum` → 8262edc5921b6117e1f2d7e061f9cbbed5db4d1d.
    static let w1IPv6MAC = MACAddress(rawValue: 0x66_82_62_ed_c5_92)
    /// `printf '%s' w0 | sha1sum` → a5db700eefd23807c7f7fa15bf36b394b6019325.
    static let w0MAC = MACAddress(rawValue: 0x66_a5_db_70_0e_ef)

    @Test func derivedMACsAreFelixs() {
        #expect(TunnelEndpointMAC.derived(nodeName: "w1", forIPv6: false) == TunnelEndpointMAC(address: Self.w1MAC, isGiven: false))
        #expect(TunnelEndpointMAC.derived(nodeName: "w1", forIPv6: true).address == Self.w1IPv6MAC)
        #expect(TunnelEndpointMAC.derived(nodeName: "w0", forIPv6: false).address.description == "66:a5:db:70:0e:ef")
        #expect(Self.w1MAC.description.hasPrefix("66:"))
    }

    @Test func nodesWithoutTheAnnotationGetTheDerivedMAC() throws {
        let context = try ClusterFixtures.labContext("ipip")
        let w1 = try #require(context.node(named: "w1"))
        #expect(w1.vxlanTunnelIPv4MAC == TunnelEndpointMAC(address: Self.w1MAC, isGiven: false))
        #expect(w1.vxlanTunnelIPv6MAC.address == Self.w1IPv6MAC)
        #expect(context.node(withTunnelMAC: Self.w1MAC)?.name == "w1")
        #expect(context.node(withTunnelMAC: Self.w0MAC)?.name == "w0")
        #expect(context.node(withTunnelMAC: MACAddress(rawValue: 0x66_00_ac_10_9e_00)) == nil)
    }

    @Test func givenMACsAreLookedUp() throws {
        let context = try ClusterFixtures.labContext("dualstack-vxlan-crosssubnet")
        #expect(context.node(withTunnelMAC: MACAddress(rawValue: 0x66_00_ac_10_b8_00))?.name == "w2")
        #expect(context.node(withTunnelMAC: MACAddress(rawValue: 0x66_06_00_00_22_00))?.name == "w0")
        // A given MAC replaces the derived one.
        #expect(context.node(withTunnelMAC: Self.w1MAC) == nil)
    }

    @Test func aGivenMACFromCalicoctlReplacesTheDerivedOne() throws {
        let kubectl = ClusterNode(name: "w3", internalAddresses: [ClusterFixtures.address("192.168.20.103")])
        #expect(kubectl.vxlanTunnelIPv4MAC.isGiven == false)
        let calicoctl = try ClusterContextLoader.load(path: ClusterFixtures.cluster("calicoctl-node-w3.json"))
        let kubectlFile = try ClusterContextLoader.load(contents: """
            apiVersion: v1
            kind: Node
            metadata: {name: w3}
            status:
              addresses:
              - {address: 192.168.20.103, type: InternalIP}
              - {address: 203.0.113.7, type: ExternalIP}
            """, name: "kubectl.yaml")
        let context = ClusterContext(files: [kubectlFile, calicoctl])
        let w3 = try #require(context.node(named: "w3"))
        #expect(w3.vxlanTunnelIPv4MAC == TunnelEndpointMAC(address: MACAddress(rawValue: 0x66_3a_5c_01_9d_e2), isGiven: true))
        #expect(w3.internalAddresses == [ClusterFixtures.address("192.168.20.103")])
        #expect(w3.sources.map(\.file) == ["kubectl.yaml", ClusterFixtures.cluster("calicoctl-node-w3.json")])
    }

    @Test func nodeAtAnyOfItsAddresses() throws {
        let context = try ClusterFixtures.labContext("dualstack-vxlan-crosssubnet")
        for (address, name) in [
            ("192.168.10.101", "w1"), ("fd00:0:0:10::102", "w2"), ("172.16.34.0", "w0"),
            ("fd00:10:244::b800", "w2"), ("192.168.20.100", "w0"),
        ] {
            #expect(context.node(at: ClusterFixtures.address(address))?.name == name, "\(address)")
        }
        #expect(context.node(at: ClusterFixtures.address("172.16.158.1")) == nil)
        let wireguard = try ClusterFixtures.labContext("wireguard")
        #expect(wireguard.node(at: ClusterFixtures.address("172.16.184.0"))?.name == "w2")
        let ipip = try ClusterFixtures.labContext("ipip")
        #expect(ipip.node(at: ClusterFixtures.address("172.16.158.0"))?.name == "w1")
    }

    @Test func severalPoolsMostSpecificAndEnabledFirst() throws {
        let context = ClusterContext(files: [try Self.poolFile([
            ("wide", "10.0.0.0/8", false), ("narrow", "10.1.0.0/16", false), ("narrower-disabled", "10.1.2.0/24", true),
            ("v6", "fd00:10:244::/56", false),
        ])])
        #expect(context.pool(containing: ClusterFixtures.address("10.9.0.1"))?.name == "wide")
        #expect(context.pool(containing: ClusterFixtures.address("10.1.9.1"))?.name == "narrow")
        // An enabled pool is preferred to a disabled one, however specific.
        #expect(context.pool(containing: ClusterFixtures.address("10.1.2.3"))?.name == "narrow")
        #expect(context.pool(containing: ClusterFixtures.address("fd00:10:244::9e01"))?.name == "v6")
        #expect(context.pool(containing: ClusterFixtures.address("192.0.2.1")) == nil)
        // Only a disabled pool holds it: that pool still answers.
        let disabledOnly = ClusterContext(files: [try Self.poolFile([("off", "10.1.2.0/24", true)])])
        #expect(disabledOnly.pool(containing: ClusterFixtures.address("10.1.2.3"))?.name == "off")
    }

    @Test func samePoolFromTwoFilesIsOnePoolAndDisagreementIsNoted() throws {
        let crd = try ClusterContextLoader.load(path: ClusterFixtures.cluster("crd-ippools.yaml"))
        let installation = try ClusterContextLoader.load(path: ClusterFixtures.lab("ipip", "installation.yaml"))
        let context = ClusterContext(files: [installation, crd])
        #expect(context.pools.map(\.name) == ["default-ipv4-ippool", "edge-pool", "old-pool"])
        #expect(context.pools.first?.source.kind == .customResourceIPPool)
        #expect(context.pools.first?.ipipMode == .crossSubnet)
        #expect(context.notes.count == 1)
        #expect(context.notes.first?.hasPrefix("pool default-ipv4-ippool: ") == true)
    }

    static func poolFile(_ pools: [(String, String, Bool)]) throws -> ClusterFile {
        let items = pools.map { name, cidr, disabled in
            "- {apiVersion: projectcalico.org/v3, kind: IPPool, metadata: {name: \(name)}, "
                + "spec: {cidr: \"\(cidr)\", vxlanMode: Always, disabled: \(disabled)}}"
        }
        let yaml = "apiVersion: projectcalico.org/v3\nkind: IPPoolList\nitems:\n" + items.joined(separator: "\n") + "\n"
        return try ClusterContextLoader.load(contents: yaml, name: "pools.yaml")
    }
}
