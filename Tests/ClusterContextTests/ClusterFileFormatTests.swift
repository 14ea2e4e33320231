import ClusterContext
import Foundation
import Testing
import Wire
import Yams

/// The other shapes cluster files come in: JSON, calicoctl nodes, IPPool custom resources, Pod
/// resources, and the pod table without `-A`.
@Suite struct ClusterFileFormatTests {
    /// Converts a YAML fixture to the JSON kubectl would print for it (`-o json`).
    static func json(ofYAML path: String) throws -> String {
        let yaml = try String(contentsOfFile: path, encoding: .utf8)
        let object = try #require(try Yams.load(yaml: yaml))
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        return try #require(String(data: data, encoding: .utf8))
    }

    @Test(arguments: ClusterFixtures.labScenarios)
    func jsonOfEveryLabFileReadsLikeTheYAML(scenario: String) throws {
        for file in ["nodes.yaml", "ippools.yaml", "installation.yaml"] {
            let path = ClusterFixtures.lab(scenario, file)
            let fromYAML = try ClusterContextLoader.load(path: path)
            let fromJSON = try ClusterContextLoader.load(contents: try Self.json(ofYAML: path), name: path)
            #expect(fromJSON == fromYAML, "\(scenario)/\(file)")
        }
    }

    @Test func calicoctlNodeListMergesWithKubectlNodes() throws {
        let calico = try ClusterContextLoader.load(path: ClusterFixtures.cluster("calicoctl-nodes.yaml"))
        #expect(calico.kinds == [.calicoNode])
        #expect(calico.nodes.map(\.name) == ["w1", "w2", "w9"])
        #expect(calico.nodes.map { $0.calicoIPv4Address?.description }
            == ["192.168.10.101/24", "192.168.10.102/24", "192.168.10.109/32"])
        #expect(calico.nodes.map { $0.ipipTunnelAddress?.description } == ["172.16.158.0", "172.16.184.0", "172.16.77.64"])
        #expect(calico.nodes.map(\.internalAddresses)
            == ["192.168.10.101", "192.168.10.102", "192.168.10.109"].map { [ClusterFixtures.address($0)] })
        #expect(calico.nodes.first?.labels["kubernetes.io/hostname"] == "w1")

        let kubectlPath = ClusterFixtures.lab("crosssubnet", "nodes.yaml")
        let context = ClusterContext(files: [try ClusterContextLoader.load(path: kubectlPath), calico])
        #expect(context.nodes.map(\.name) == ["w1", "w2", "w0", "w9"])
        let w1 = try #require(context.node(named: "w1"))
        #expect(w1.sources.map(\.kind) == [.kubernetesNode, .calicoNode])
        #expect(w1.internalAddresses == [ClusterFixtures.address("192.168.10.101")])
        #expect(context.notes.isEmpty)
        #expect(context.node(at: ClusterFixtures.address("172.16.77.64"))?.name == "w9")
    }

    @Test func calicoctlNodeAsJSON() throws {
        let file = try ClusterContextLoader.load(path: ClusterFixtures.cluster("calicoctl-node-w3.json"))
        let node = try #require(file.nodes.first)
        #expect(file.nodes.count == 1 && file.kinds == [.calicoNode])
        #expect(node.name == "w3")
        #expect(node.calicoIPv4Address?.description == "192.168.20.103/24")
        #expect(node.calicoIPv6Address?.description == "fd00:0:0:20::103/64")
        #expect(node.internalAddresses == [ClusterFixtures.address("192.168.20.103")])
        #expect(node.vxlanTunnelIPv4Address?.description == "10.244.1.0")
        #expect(node.vxlanTunnelIPv6Address?.description == "fd00:10:244::c980")
        #expect(node.vxlanTunnelIPv4MAC == TunnelEndpointMAC(address: MACAddress(rawValue: 0x663a_5c01_9de2), isGiven: true))
        #expect(node.vxlanTunnelIPv6MAC.isGiven == false)
        #expect(node.wireGuardPublicKey == "jN9qf3Rj0uJ6TQz8Y1mGx6m2qkV2Q6bq0b8fQnY3SVo=")
        #expect(node.wireGuardInterfaceIPv4Address?.description == "10.244.1.1")
        #expect(node.labels["topology.kubernetes.io/zone"] == "edge")
    }

    @Test func customResourcePoolsWithSelectorAndDisabledPool() throws {
        let file = try ClusterContextLoader.load(path: ClusterFixtures.cluster("crd-ippools.yaml"))
        #expect(file.kinds == [.customResourceIPPool])
        #expect(file.pools.map(\.name) == ["default-ipv4-ippool", "edge-pool", "old-pool"])
        #expect(file.pools.map(\.cidr.description) == ["172.16.0.0/16", "10.244.0.0/22", "10.245.0.0/24"])
        #expect(file.pools.map(\.ipipMode) == [.crossSubnet, .never, .always])
        #expect(file.pools.map(\.vxlanMode) == [.never, .always, .never])
        #expect(file.pools.map(\.blockSize) == [26, 26, 28])
        #expect(file.pools.map(\.isDisabled) == [false, false, true])
        #expect(file.pools.map(\.isNodeSelectorEvaluated) == [true, false, true])
        #expect(file.pools[1].nodeSelector == "topology.kubernetes.io/zone == 'edge'")
        let context = ClusterContext(files: [file])
        #expect(context.poolsWithUnevaluatedSelectors.map(\.name) == ["edge-pool"])
        #expect(context.pool(containing: ClusterFixtures.address("10.244.1.2"))?.name == "edge-pool")
        #expect(context.pool(containing: ClusterFixtures.address("10.245.0.9"))?.name == "old-pool")
        #expect(context.pool(containing: ClusterFixtures.address("10.246.0.1")) == nil)
    }

    @Test func podResourcesKnowHostNetwork() throws {
        let file = try ClusterContextLoader.load(path: ClusterFixtures.cluster("pods.yaml"))
        #expect(file.kinds == [.pod])
        #expect(file.pods.map(\.qualifiedName)
            == ["edge/edge-cache-7d9f8c6b5-x2k4q", "calico-system/calico-node-f4k2m", "edge/batch-report-29361540-pq7zt"])
        #expect(file.pods.map(\.isHostNetwork) == [false, true, false])
        #expect(file.pods.map(\.nodeName) == ["w3", "w3", nil])
        #expect(file.pods.map(\.status) == ["Running", "Running", "Pending"])
        #expect(file.pods[0].addresses == [ClusterFixtures.address("10.244.1.2"), ClusterFixtures.address("fd00:10:244::c982")])
        #expect(file.pods[2].addresses.isEmpty)

        let context = try ClusterContextLoader.loadContext(paths: [
            ClusterFixtures.cluster("pods.yaml"), ClusterFixtures.cluster("calicoctl-node-w3.json"),
        ])
        #expect(context.pod(at: ClusterFixtures.address("fd00:10:244::c982"))?.name == "edge-cache-7d9f8c6b5-x2k4q")
        #expect(context.pod(at: ClusterFixtures.address("192.168.20.103")) == nil)
        #expect(context.node(hostingPodAt: ClusterFixtures.address("10.244.1.2"))?.name == "w3")
        // The JSON kubectl would print reads the same.
        let json = try ClusterContextLoader.load(contents: try Self.json(ofYAML: ClusterFixtures.cluster("pods.yaml")), name: "pods.json")
        #expect(json.pods.map(\.qualifiedName) == file.pods.map(\.qualifiedName))
        #expect(json.pods.map(\.addresses) == file.pods.map(\.addresses))
    }

    @Test func podTableWithoutNamespaceColumn() throws {
        let file = try ClusterContextLoader.load(path: ClusterFixtures.cluster("pods-wide-default.txt"))
        #expect(file.pods.count == 5)
        #expect(file.pods.allSatisfy { $0.namespace == "default" })
        #expect(file.pods.map(\.status) == ["Running", "Running", "CrashLoopBackOff", "Completed", "Pending"])
        #expect(file.pods.map(\.nodeName) == ["w1", "w0", "w2", "w1", nil])
        // RESTARTS "2 (5h12m ago)" holds spaces; the columns after it still line up.
        #expect(file.pods[1].addresses == [ClusterFixtures.address("172.16.34.9")])
        #expect(file.pods[2].addresses == [ClusterFixtures.address("172.16.184.12")])
        #expect(file.pods[4].addresses.isEmpty)
        // A finished pod that once had the address does not hide the running one.
        let context = ClusterContext(files: [file])
        #expect(context.pods(at: ClusterFixtures.address("172.16.158.7")).count == 2)
        #expect(context.pod(at: ClusterFixtures.address("172.16.158.7"))?.name == "web-5c9f7b8d4-2kq7x")
    }

    @Test func podResourceAndTableRowAreOnePod() throws {
        let table = try ClusterContextLoader.load(contents: """
            NAMESPACE   NAME                         READY   STATUS    RESTARTS   AGE   IP           NODE   NOMINATED NODE   READINESS GATES
            edge        edge-cache-7d9f8c6b5-x2k4q   1/1     Running   0          5m    10.244.1.2   w3     <none>           <none>
            """, name: "table.txt")
        let resources = try ClusterContextLoader.load(path: ClusterFixtures.cluster("pods.yaml"))
        let context = ClusterContext(files: [table, resources])
        #expect(context.pods.count == 3)
        let pod = try #require(context.pods.first)
        #expect(pod.isHostNetwork == false && pod.source.kind == .pod)
        #expect(pod.addresses.count == 2)
    }

    @Test func installationDefaultsAndAllocationSwitch() throws {
        let file = try ClusterContextLoader.load(contents: """
            apiVersion: operator.tigera.io/v1
            kind: Installation
            metadata: {name: default}
            spec:
              calicoNetwork:
                bgp: Disabled
                ipPools:
                - {cidr: 10.48.0.0/16}
                - {cidr: "fd00:48::/48"}
                - {name: frozen, cidr: 10.49.0.0/16, encapsulation: IPIPCrossSubnet, disableNewAllocations: true,
                   nodeSelector: "zone == 'a'", blockSize: 24}
            """, name: "installation.yaml")
        #expect(file.pools.map(\.name) == ["ipPools[0]", "ipPools[1]", "frozen"])
        // Without BGP the operator's IPv4 default is VXLAN; IPv6 pools default to no encapsulation.
        #expect(file.pools.map(\.vxlanMode) == [.always, .never, .never])
        #expect(file.pools.map(\.ipipMode) == [.never, .never, .crossSubnet])
        #expect(file.pools.map(\.blockSize) == [26, 122, 24])
        #expect(file.pools.map(\.isDisabled) == [false, false, true])
        #expect(file.pools.map(\.isNodeSelectorEvaluated) == [true, true, false])
        let withBGP = try ClusterContextLoader.load(contents: """
            {"apiVersion": "operator.tigera.io/v1", "kind": "Installation", "metadata": {"name": "default"},
             "spec": {"calicoNetwork": {"ipPools": [{"cidr": "10.48.0.0/16"}]}}}
            """, name: "installation.json")
        #expect(withBGP.pools.map(\.ipipMode) == [.always])
    }

    @Test func legacyIPIPFieldOfOldCustomResources() throws {
        let file = try ClusterContextLoader.load(contents: """
            apiVersion: crd.projectcalico.org/v1
            kind: IPPool
            metadata: {name: legacy}
            spec:
              cidr: 192.168.0.0/16
              ipip: {enabled: true, mode: cross-subnet}
            """, name: "legacy.yaml")
        #expect(file.pools.first?.ipipMode == .crossSubnet)
        #expect(file.pools.first?.vxlanMode == .never)
    }

    @Test func modesAreReadAsCalicoSpellsThem() {
        #expect(EncapsulationMode(configured: "CrossSubnet") == .crossSubnet)
        #expect(EncapsulationMode(configured: "always") == .always)
        #expect(EncapsulationMode(configured: "") == .never)
        #expect(EncapsulationMode(configured: "Sometimes") == nil)
        #expect(EncapsulationMode.allCases.map(\.rawValue) == ["Always", "CrossSubnet", "Never"])
    }

    @Test func emptyListLoadsWithANote() throws {
        let file = try ClusterContextLoader.load(contents: "apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: \"\"\n", name: "none.yaml")
        #expect(file.nodes.isEmpty && file.pools.isEmpty && file.pods.isEmpty)
        #expect(file.notes == ["List with no items"])
    }

    @Test func multiDocumentYAMLAndMixedList() throws {
        let nodes = try String(contentsOfFile: ClusterFixtures.lab("ipip", "nodes.yaml"), encoding: .utf8)
        let pools = try String(contentsOfFile: ClusterFixtures.lab("ipip", "ippools.yaml"), encoding: .utf8)
        let file = try ClusterContextLoader.load(contents: nodes + "---\n" + pools, name: "both.yaml")
        #expect(file.kinds == [.kubernetesNode, .calicoIPPool])
        #expect(file.nodes.count == 3 && file.pools.count == 1)
        // `kubectl get all -o yaml`: kinds this tool does not read are passed over with a note.
        let mixed = try ClusterContextLoader.load(contents: """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: Service
              metadata: {name: web}
            - apiVersion: v1
              kind: Pod
              metadata: {name: web-0, namespace: shop}
              spec: {nodeName: w1}
              status: {podIP: 172.16.158.9, phase: Running}
            """, name: "all.yaml")
        #expect(mixed.pods.map(\.qualifiedName) == ["shop/web-0"])
        #expect(mixed.notes == ["items[0]: kind Service (apiVersion v1) passed over"])
    }
}
