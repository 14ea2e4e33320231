import ClusterContext
import Testing
import Wire

/// `FelixConfiguration`: WireGuard on or off for the nodes, and Calico's own VXLAN VNI.
@Suite struct FelixConfigurationTests {
    @Test func readsCalicoctlsForm() throws {
        let file = try ClusterContextLoader.load(path: "\(ClusterFixtures.root)/cluster-cases/felixconfiguration-wireguard.yaml")
        #expect(file.kinds == [.felixConfiguration])
        let settings = try #require(file.felixConfigurations.first)
        #expect(settings.name == "default")
        #expect(settings.wireGuardEnabled == true)
        #expect(settings.wireGuardEnabledV6 == nil)
        #expect(settings.vxlanVNI == 4096)
        #expect(settings.vxlanPort == nil)
        #expect(settings.nodeName == nil)
    }

    @Test func readsTheCustomResourceInAList() throws {
        let file = try ClusterContextLoader.load(path: "\(ClusterFixtures.root)/cluster-cases/felixconfiguration-wireguard-off.yaml")
        #expect(file.felixConfigurations.map(\.wireGuardEnabled) == [false])
    }

    static func context(_ felix: String, nodes: String = "wireguard") throws -> ClusterContext {
        var context = ClusterContext()
        context.add(try ClusterContextLoader.load(path: ClusterFixtures.lab(nodes, "nodes.yaml")))
        context.add(try ClusterContextLoader.load(contents: felix, name: "felix.yaml"))
        return context
    }

    /// The node's own `node.NAME` resource wins over `default`; a node that publishes a key
    /// counts as on only where no FelixConfiguration says otherwise.
    @Test func wireGuardIsOnByFelixConfigurationOrByAPublishedKey() throws {
        let felix = """
            apiVersion: projectcalico.org/v3
            kind: FelixConfiguration
            metadata: { name: default }
            spec: { wireguardEnabled: true, vxlanVNI: 7000 }
            ---
            apiVersion: projectcalico.org/v3
            kind: FelixConfiguration
            metadata: { name: node.w2 }
            spec: { wireguardEnabled: false }
            """
        let context = try Self.context(felix, nodes: "direct")
        let w1 = try #require(context.node(named: "w1"))
        let w2 = try #require(context.node(named: "w2"))
        #expect(context.wireGuardReason(forNode: w1, ipv6: false)?.hasPrefix("FelixConfiguration default sets wireguardEnabled: true") == true)
        #expect(context.wireGuardReason(forNode: w2, ipv6: false) == nil)
        #expect(context.wireGuardReason(forNode: w1, ipv6: true) == nil)
        #expect(context.calicoVXLANVNIs == [7000])

        let keys = try Self.context("apiVersion: projectcalico.org/v3\nkind: FelixConfiguration\nmetadata: { name: default }\nspec: {}\n")
        let keyed = try #require(keys.node(named: "w1"))
        #expect(keys.wireGuardReason(forNode: keyed, ipv6: false)?.hasPrefix("w1 publishes a WireGuard public key") == true)
        #expect(keys.calicoVXLANVNIs == [4096])
    }

    @Test func aVNIOutOfRangeIsRefused() {
        let felix = "apiVersion: projectcalico.org/v3\nkind: FelixConfiguration\nmetadata: { name: default }\nspec: { vxlanVNI: 16777216 }\n"
        #expect(throws: ClusterFileError.self) { try ClusterContextLoader.load(contents: felix, name: "felix.yaml") }
    }
}
