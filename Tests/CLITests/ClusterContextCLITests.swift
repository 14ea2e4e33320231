import CalicapTestSupport
import Foundation
import Testing

/// `--cluster FILE…`: the cluster's own files name the pods and nodes of each flow, and the pool
/// they configure is compared with what the capture shows. The suites in the other
/// `ClusterContext*CLITests.swift` files are nested in this one.
@Suite struct ClusterContextCLITests {
    /// Every node capture of every lab scenario: each node's eth0 and its tunnel devices.
    static let nodeCaptures: [LabCapture] = LabCluster.scenarios.flatMap { scenario in
        Fixtures.labCaptures(scenario)
            .filter { $0.hasSuffix("-eth0.pcap") || LabCluster.isTunnelDeviceCapture($0) }
            .map { LabCapture(scenario: scenario, file: $0) }
    }

    @Test func everyScenarioHasItsNodeCaptures() {
        for scenario in LabCluster.scenarios {
            let files = Set(Self.nodeCaptures.filter { $0.scenario == scenario }.map(\.file))
            for node in LabCluster.nodeNames {
                #expect(files.contains("\(node)-eth0.pcap"), "\(scenario): \(node)-eth0.pcap")
            }
            // Only the unencapsulated scenarios have no tunnel device to capture on.
            let hasTunnelDevice = !scenario.hasPrefix("direct")
            #expect(files.contains { LabCluster.isTunnelDeviceCapture($0) } == hasTunnelDevice, "\(scenario): \(files.sorted())")
        }
    }

    /// With all of a scenario's cluster files, each pod-to-pod flow names both pods and both nodes,
    /// and the names are the ones the lab's pods file gives for those addresses.
    @Test(arguments: nodeCaptures)
    func everyPodToPodFlowNamesBothPodsAndNodes(capture: LabCapture) throws {
        let document = try LabCluster.report(
            ["-r", capture.path] + LabCluster.captureArguments(capture.file)
                + LabCluster.clusterArguments(LabCluster.allClusterFiles(capture.scenario)))
        let flows = LabCluster.flows(document)
        let directory = try ClusterDirectory(scenario: capture.scenario)
        let expectations = Fixtures.labExpectations(capture.scenario).filter { $0.file == capture.file }

        // The lab's ground truth: each flow it lists for this file is there, as a pod-to-pod flow.
        for expectation in expectations {
            let flow = LabCluster.flow(matching: expectation, in: flows)
            #expect(flow != nil, "missing \(expectation)")
            #expect(flow?["kind"] as? String == "pod-to-pod", "\(expectation)")
        }
        let podFlows = flows.filter { $0["kind"] as? String == "pod-to-pod" }
        #expect(podFlows.count >= expectations.count)

        var differences = NameDifferences()
        for flow in podFlows {
            for side in ["client", "server"] {
                let endpoint = try #require(flow[side] as? [String: Any])
                let address = try #require(endpoint["ip"] as? String)
                let expectedNode = directory.node(at: address)
                #expect(expectedNode != nil, "the lab's files place \(address) on a node")
                differences.compare(endpoint["node"], expectedNode, "\(side).node", of: flow)
                // `kubectl get pods -o wide` lists each pod's first (IPv4) address only: an IPv6 pod
                // address is in no file given, so no pod name can be right for it but null. Every
                // IPv4 pod is in the file, and named.
                let expectedPod = directory.pod(at: address)
                #expect(expectedPod != nil || !address.contains("."), "the pods file lists \(address)")
                differences.compare(endpoint["pod"], expectedPod, "\(side).pod", of: flow)
            }
        }
        differences.expectNone("\(capture) with all cluster files")
    }

    /// The pods file alone names pods (and their nodes) whatever the capture.
    @Test func podsFileAloneNamesPodsAndTheirNodes() throws {
        let document = try LabCluster.report(
            ["-r", Fixtures.lab("ipip", "w1-tunl0.pcap")]
                + LabCluster.clusterArguments([LabCluster.clusterFile("ipip", "pods-wide.txt")]))
        let directory = try ClusterDirectory(scenario: "ipip")
        let podFlows = LabCluster.flows(document).filter { $0["kind"] as? String == "pod-to-pod" }
        #expect(podFlows.count == Fixtures.labExpectations("ipip").filter { $0.file == "w1-tunl0.pcap" }.count)
        var differences = NameDifferences()
        for flow in podFlows {
            for side in ["client", "server"] {
                let endpoint = try #require(flow[side] as? [String: Any])
                let address = try #require(endpoint["ip"] as? String)
                differences.compare(endpoint["pod"], directory.pod(at: address), "\(side).pod", of: flow)
                differences.compare(endpoint["node"], directory.node(at: address), "\(side).node", of: flow)
            }
        }
        differences.expectNone("ipip/w1-tunl0.pcap with pods-wide.txt only")
    }

    /// Without cluster files nothing is named: the fields are there, and null.
    @Test func withoutClusterFilesNamesAreNull() throws {
        let document = try LabCluster.report(["-r", Fixtures.lab("ipip", "w1-eth0.pcap")])
        let flows = LabCluster.flows(document)
        #expect(!flows.isEmpty)
        for flow in flows {
            for side in ["client", "server"] {
                let endpoint = try #require(flow[side] as? [String: Any])
                #expect(endpoint.keys.contains("pod") && endpoint["pod"] is NSNull)
                #expect(endpoint.keys.contains("node") && endpoint["node"] is NSNull)
            }
        }
    }
}
