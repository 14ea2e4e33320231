import CalicapTestSupport
import Foundation
import Testing

extension ClusterContextCLITests {
    /// Cases where the capture does not agree with the cluster's files, each for its own reason.
    @Suite struct PoolMismatch {
        static func caseFile(_ name: String) -> String { Fixtures.path("cluster-cases/\(name)") }

        typealias Pair = (names: [String], agrees: Bool?, expected: [(from: String, to: String, carrier: String)], latestMode: String?)

        static func pairs(_ pool: [String: Any]) -> [Pair] {
            PoolAgreement.pairs(pool).map {
                ($0["names"] as? [String] ?? [], $0["agrees"] as? Bool, PoolAgreement.expected($0), $0["latestMode"] as? String)
            }
        }

        static func pair(_ pairs: [Pair], _ first: String, _ second: String) -> Pair? {
            pairs.first { Set($0.names) == [first, second] }
        }

        static func notes(_ pool: [String: Any]) -> [String] { pool["notes"] as? [String] ?? [] }

        /// The ipip lab with a pool file saying VXLAN Always.
        static func vxlanPoolAgainstIPIP() throws -> [String: Any] {
            try LabCluster.pool(
                LabCluster.report(
                    LabCluster.readArguments(LabCluster.eth0Captures("ipip"))
                        + LabCluster.clusterArguments([
                            caseFile("ippools-vxlan-always.yaml"), LabCluster.clusterFile("ipip", "nodes.yaml"),
                            LabCluster.clusterFile("ipip", "pods-wide.txt"),
                        ])))
        }

        @Test func vxlanPoolAgainstAnIPIPCaptureDisagrees() throws {
            let pool = try Self.vxlanPoolAgainstIPIP()
            let configured = try #require(pool["configured"] as? [String: Any])
            #expect(configured["vxlanMode"] as? String == "Always" && configured["ipipMode"] as? String == "Never")
            #expect(pool["agrees"] as? Bool == false)
            let pairs = Self.pairs(pool)
            #expect(pairs.count == 3)
            let disagreeing = pairs.filter { $0.agrees == false }
            // Every pair went over IPIP, so every pair disagrees, and each says VXLAN was expected.
            #expect(disagreeing.count == pairs.count)
            for pair in disagreeing {
                #expect(pair.expected.count == 2, "\(pair.names)")
                #expect(pair.expected.allSatisfy { $0.carrier == "vxlan" }, "\(pair.names): \(pair.expected)")
                // A note for the pair, naming both nodes and the two carriers.
                #expect(
                    Self.notes(pool).contains { note in
                        pair.names.allSatisfy(note.contains) && note.contains("vxlan") && note.contains("ipip")
                    }, "no note for \(pair.names) in \(Self.notes(pool))")
            }
        }

        /// Each disagreeing pair is a `pool-mismatch` finding (error) in the top-level `findings`,
        /// naming both nodes and listing the pair's flows in the shape of `flows[]`.
        @Test func mismatchIsAFindingWithItsFlows() throws {
            let document = try LabCluster.report(
                LabCluster.readArguments(LabCluster.eth0Captures("ipip"))
                    + LabCluster.clusterArguments([
                        Self.caseFile("ippools-vxlan-always.yaml"), LabCluster.clusterFile("ipip", "nodes.yaml"),
                        LabCluster.clusterFile("ipip", "pods-wide.txt"),
                    ]))
            let findings = try #require(document["findings"] as? [[String: Any]])
            let mismatches = findings.filter { $0["id"] as? String == "pool-mismatch" }
            #expect(mismatches.count == 3)
            for mismatch in mismatches {
                #expect(mismatch["severity"] as? String == "error")
                #expect((mismatch["nodes"] as? [String])?.count == 2)
                let flows = mismatch["flows"] as? [[String: Any]] ?? []
                #expect(flows.count == 24)
                #expect(flows.allSatisfy { ($0["client"] as? [String: Any])?["ip"] is String && $0["protocol"] is String })
            }
        }

        /// w1 registered with a /32: from w1 no node is in its subnet, so Felix on w1 would send to
        /// w2 over IPIP; the capture (taken with a /24) shows direct between w1 and w2. Only that
        /// pair disagrees.
        @Test func nodeRegisteredWithASlash32DisagreesForItsSameSubnetPairOnly() throws {
            let nodesFile = Self.caseFile("nodes-w1-slash32.yaml")
            #expect(try String(contentsOfFile: nodesFile, encoding: .utf8).contains("192.168.10.101/32"))
            let document = try LabCluster.report(
                LabCluster.readArguments(LabCluster.eth0Captures("crosssubnet"))
                    + LabCluster.clusterArguments([
                        LabCluster.clusterFile("crosssubnet", "ippools.yaml"), nodesFile,
                        LabCluster.clusterFile("crosssubnet", "pods-wide.txt"),
                    ]))
            let summary = try #require(document["summary"] as? [String: Any])
            let nodes = summary["nodes"] as? [[String: Any]] ?? []
            #expect(nodes.first { $0["name"] as? String == "w1" }?["subnet"] as? String == "192.168.10.101/32")
            let pool = try LabCluster.pool(document)
            let pairs = Self.pairs(pool)
            let sameSubnet = try #require(Self.pair(pairs, "w1", "w2"))
            #expect(sameSubnet.expected.contains { $0 == ("w1", "w2", "ipip") }, "\(sameSubnet.expected)")
            #expect(sameSubnet.expected.contains { $0 == ("w2", "w1", "direct") }, "\(sameSubnet.expected)")
            #expect(sameSubnet.agrees == false, "w1 <> w2 agrees: \(String(describing: sameSubnet.agrees))")
            for other in [Self.pair(pairs, "w1", "w0"), Self.pair(pairs, "w2", "w0")] {
                let pair = try #require(other)
                #expect(pair.expected.allSatisfy { $0.carrier == "ipip" }, "\(pair.names): \(pair.expected)")
                #expect(pair.agrees == true, "\(pair.names)")
            }
            #expect(pool["agrees"] as? Bool == false, "summary.pool.agrees is \(pool["agrees"] ?? "absent")")
            #expect(Self.notes(pool).contains { $0.contains("w1") && $0.contains("w2") }, "\(Self.notes(pool))")
            #expect(!Self.notes(pool).contains { $0.contains("w0") && ($0.contains("implies") || $0.contains("pool-mismatch")) })
        }

        static let switchedCaptures = [Fixtures.lab("ipip", "w1-eth0.pcap"), Fixtures.lab("vxlan", "w1-eth0.pcap")]

        static func switchedReport(poolFile: String) throws -> [String: Any] {
            try LabCluster.pool(
                LabCluster.report(
                    LabCluster.readArguments(switchedCaptures)
                        + LabCluster.clusterArguments([
                            poolFile, LabCluster.clusterFile("vxlan", "nodes.yaml"),
                            LabCluster.clusterFile("vxlan", "pods-wide.txt"),
                        ])))
        }

        @Test func switchedCapturesFollowEachOther() throws {
            let before = try PcapRecords(path: Self.switchedCaptures[0])
            let after = try PcapRecords(path: Self.switchedCaptures[1])
            let lastBefore = try #require(before.records.map(\.time).max())
            let firstAfter = try #require(after.records.map(\.time).min())
            #expect(lastBefore < firstAfter)
        }

        /// IPIP then VXLAN, with the pool now VXLAN Always: the latest carrier agrees, the change is reported.
        @Test func poolSwitchedToVXLANAgreesWithTheLatestCarrier() throws {
            let pool = try Self.switchedReport(poolFile: Self.caseFile("ippools-vxlan-always.yaml"))
            #expect(pool["agrees"] as? Bool == true, "summary.pool.agrees is \(pool["agrees"] ?? "absent")")
            let changes = pool["changes"] as? [[String: Any]] ?? []
            #expect(!changes.isEmpty)
            #expect(changes.contains { $0["from"] as? String == "ipip" && $0["to"] as? String == "vxlan" }, "\(changes)")
            let pairs = Self.pairs(pool)
            #expect(pairs.count == 2)
            for pair in pairs {
                #expect(pair.agrees == true, "\(pair.names)")
                #expect(pair.latestMode == "vxlan", "\(pair.names)")
                #expect(pair.expected.allSatisfy { $0.carrier == "vxlan" })
            }
        }

        @Test func poolSaidIPIPAfterTheSwitchDisagrees() throws {
            let pool = try Self.switchedReport(poolFile: Self.caseFile("ippools-ipip-always.yaml"))
            #expect(pool["agrees"] as? Bool == false, "summary.pool.agrees is \(pool["agrees"] ?? "absent")")
            #expect(!(pool["changes"] as? [[String: Any]] ?? []).isEmpty)
            let pairs = Self.pairs(pool)
            #expect(!pairs.isEmpty)
            #expect(pairs.allSatisfy { $0.agrees == false && $0.expected.allSatisfy { $0.carrier == "ipip" } })
        }
    }
}
