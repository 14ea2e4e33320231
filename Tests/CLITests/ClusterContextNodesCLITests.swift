import CalicapTestSupport
import Foundation
import Testing

extension ClusterContextCLITests {
    /// With the nodes and pool files only (no pods file), encapsulated flows still name both
    /// nodes: on an uplink by the tunnel's outer addresses, on vxlan.calico by the inner VTEP MACs.
    @Suite struct NodesWithoutPods {
        static let encapsulatingScenarios = ["crosssubnet", "dualstack-vxlan-crosssubnet", "ipip", "vxlan", "vxlan-crosssubnet"]

        static let captures: [LabCapture] = encapsulatingScenarios.flatMap { scenario in
            Fixtures.labCaptures(scenario)
                .filter { $0.hasSuffix("-eth0.pcap") || $0.hasSuffix(".calico.pcap") }
                .map { LabCapture(scenario: scenario, file: $0) }
        }

        static func nodesAndPools(_ scenario: String) -> [String] {
            LabCluster.clusterArguments([
                LabCluster.clusterFile(scenario, "nodes.yaml"), LabCluster.clusterFile(scenario, "ippools.yaml"),
            ])
        }

        static func isEncapsulated(_ flow: [String: Any]) -> Bool {
            ["ipip", "vxlan"].contains(flow["mode"] as? String ?? "")
        }

        @Test func capturesIncludeUplinksAndVXLANDevices() {
            #expect(Self.captures.filter { $0.file.hasSuffix("-eth0.pcap") }.count == 15)
            #expect(Self.captures.filter { $0.file.hasSuffix("-vxlan.calico.pcap") }.count == 9)
            #expect(Self.captures.filter { $0.file.hasSuffix("-vxlan-v6.calico.pcap") }.count == 3)
        }

        @Test(arguments: captures)
        func encapsulatedFlowsNameBothNodes(capture: LabCapture) throws {
            let document = try LabCluster.report(["-r", capture.path] + Self.nodesAndPools(capture.scenario))
            // The test's own knowledge of where each pod runs (the tool is not given the pods file).
            let directory = try ClusterDirectory(scenario: capture.scenario)
            let encapsulated = LabCluster.flows(document).filter(Self.isEncapsulated)
            let expectedCount = Fixtures.labExpectations(capture.scenario)
                .filter { $0.file == capture.file && ["ipip", "vxlan"].contains($0.mode) }.count
            #expect(expectedCount > 0)
            #expect(encapsulated.count == expectedCount)
            let onUplink = capture.file.hasSuffix("-eth0.pcap")

            var differences = NameDifferences()
            for flow in encapsulated {
                let name = LabCluster.flowName(flow)
                let client = try #require(flow["client"] as? [String: Any])
                let server = try #require(flow["server"] as? [String: Any])
                let clientNode = directory.node(at: try #require(client["ip"] as? String))
                let serverNode = directory.node(at: try #require(server["ip"] as? String))
                #expect(clientNode != nil && serverNode != nil && clientNode != serverNode, "\(name)")
                differences.compare(client["node"], clientNode, "client.node", of: flow)
                differences.compare(server["node"], serverNode, "server.node", of: flow)
                // No pods file, so no pod name can be known.
                differences.compare(client["pod"], nil, "client.pod", of: flow)
                differences.compare(server["pod"], nil, "server.pod", of: flow)
                guard onUplink else { continue }
                let carriers = (flow["carriers"] as? [[String: Any]] ?? []).filter { ["ipip", "vxlan"].contains($0["mode"] as? String ?? "") }
                #expect(!carriers.isEmpty, "\(name)")
                for carrier in carriers {
                    let outerSource = try #require(carrier["outerSource"] as? String)
                    let outerDestination = try #require(carrier["outerDestination"] as? String)
                    // The outer source is the tunnel end on the client's side.
                    #expect(directory.node(withInternalAddress: outerSource) == clientNode, "\(name) outer \(outerSource)")
                    differences.compare(carrier["sourceNode"], clientNode, "carriers[].sourceNode", of: flow)
                    #expect(directory.node(withInternalAddress: outerDestination) == serverNode, "\(name) outer \(outerDestination)")
                    differences.compare(carrier["destinationNode"], serverNode, "carriers[].destinationNode", of: flow)
                }
            }
            differences.expectNone("\(capture) with nodes.yaml and ippools.yaml")
        }
    }

    /// A VXLAN capture whose VTEP MACs are the ones Felix derives from the node names, with a nodes
    /// file that gives no MAC (made by Scripts/make-derived-vtep-fixture.py).
    @Suite struct DerivedVTEPMACs {
        static let folder = Fixtures.path("cluster-derived-vtep")
        static let capture = "\(folder)/w1-vxlan.calico.pcap"
        static let nodesFile = "\(folder)/nodes.yaml"
        static let poolFile = LabCluster.clusterFile("vxlan", "ippools.yaml")

        @Test func fixtureHasNoGivenMACsAndOtherFramesThanTheLab() throws {
            let nodes = try String(contentsOfFile: Self.nodesFile, encoding: .utf8)
            #expect(!nodes.contains("VXLANTunnelMACAddr"))
            #expect(nodes.components(separatedBy: "kind: Node").count - 1 == 3)
            let original = try PcapRecords(path: Fixtures.lab("vxlan", "w1-vxlan.calico.pcap"))
            let derived = try PcapRecords(path: Self.capture)
            #expect(derived.linkType == 1)
            #expect(derived.records.count == original.records.count)
            // Only the MACs differ: same payloads, same times.
            for (before, after) in zip(original.records, derived.records) {
                #expect(before.time == after.time && before.frame.dropFirst(12) == after.frame.dropFirst(12))
            }
            let givenMACs = try String(contentsOfFile: LabCluster.clusterFile("vxlan", "nodes.yaml"), encoding: .utf8)
                .split(separator: "\n").filter { $0.contains("VXLANTunnelMACAddr") }
                .map { ClusterDirectory.unquoted($0.split(separator: ":", maxSplits: 1)[1]) }
            #expect(givenMACs.count == 3)
            #expect(original.ethernetAddresses == Set(givenMACs))
            #expect(derived.ethernetAddresses.isDisjoint(with: givenMACs))
            #expect(derived.ethernetAddresses.count == 3)
            #expect(derived.ethernetAddresses.allSatisfy { $0.hasPrefix("66:") })
        }

        @Test func flowsNameBothNodesByTheDerivedMACs() throws {
            let document = try LabCluster.report(
                ["-r", Self.capture] + LabCluster.clusterArguments([Self.nodesFile, Self.poolFile]))
            let directory = try ClusterDirectory(scenario: "vxlan")
            let flows = LabCluster.flows(document)
            let expected = Fixtures.labExpectations("vxlan").filter { $0.file == "w1-vxlan.calico.pcap" }
            #expect(!expected.isEmpty)
            #expect(flows.count == expected.count)
            var differences = NameDifferences()
            for expectation in expected {
                let flow = LabCluster.flow(matching: expectation, in: flows)
                #expect(flow != nil, "missing \(expectation)")
                guard let flow else { continue }
                #expect(flow["mode"] as? String == "vxlan", "\(expectation)")
                let client = try #require(flow["client"] as? [String: Any])
                let server = try #require(flow["server"] as? [String: Any])
                let clientNode = directory.node(at: expectation.clientIP)
                let serverNode = directory.node(at: expectation.serverIP)
                #expect(clientNode != nil && serverNode != nil)
                differences.compare(client["node"], clientNode, "client.node", of: flow)
                differences.compare(server["node"], serverNode, "server.node", of: flow)
            }
            differences.expectNone("cluster-derived-vtep/w1-vxlan.calico.pcap with its nodes.yaml (no MACs) and ippools.yaml")
        }

        /// The MACs calicap derives for the nodes are the ones the script wrote into the frames.
        @Test func derivedMACsOfTheNodesAreTheCapturedOnes() throws {
            let document = try LabCluster.report(
                ["-r", Self.capture] + LabCluster.clusterArguments([Self.nodesFile, Self.poolFile]))
            let summary = try #require(document["summary"] as? [String: Any])
            let nodes = try #require(summary["nodes"] as? [[String: Any]])
            #expect(Set(nodes.compactMap { $0["name"] as? String }) == Set(LabCluster.nodeNames))
            #expect(nodes.allSatisfy { $0["vtepMACDerived"] as? Bool == true })
            let macs = Set(nodes.compactMap { $0["vtepMAC"] as? String })
            #expect(macs == (try PcapRecords(path: Self.capture)).ethernetAddresses)
        }
    }
}
