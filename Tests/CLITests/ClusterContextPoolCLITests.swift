import CalicapTestSupport
import Foundation
import Testing

extension ClusterContextCLITests {
    /// The pool as the packets show it, and as the cluster's pool file configures it.
    @Suite struct PoolAgreement {
        /// The three nodes' uplinks with no cluster file: `ipipMode`/`vxlanMode` come from the packets.
        @Test(arguments: ["ipip", "vxlan", "direct", "direct-rkp", "crosssubnet", "vxlan-crosssubnet"])
        func poolModesInferredFromThePackets(scenario: String) throws {
            let document = try LabCluster.report(LabCluster.readArguments(LabCluster.eth0Captures(scenario)))
            let pool = try LabCluster.pool(document)
            let modes = try #require(LabCluster.poolModes[scenario])
            #expect(pool["ipipMode"] as? String == modes.ipip)
            #expect(pool["vxlanMode"] as? String == modes.vxlan)
            // Nothing configured without a pool file, so nothing to agree with.
            #expect(pool["configured"] == nil || pool["configured"] is NSNull)
            #expect(pool["agrees"] == nil || pool["agrees"] is NSNull)
        }

        static func configuredReport(_ scenario: String, poolFile: String) throws -> [String: Any] {
            try LabCluster.report(
                LabCluster.readArguments(LabCluster.eth0Captures(scenario))
                    + LabCluster.clusterArguments([
                        poolFile, LabCluster.clusterFile(scenario, "nodes.yaml"),
                        LabCluster.clusterFile(scenario, "pods-wide.txt"),
                    ]))
        }

        static func pairs(_ pool: [String: Any]) -> [[String: Any]] {
            pool["nodePairs"] as? [[String: Any]] ?? []
        }

        static func expected(_ pair: [String: Any]) -> [(from: String, to: String, carrier: String)] {
            (pair["expected"] as? [[String: Any]] ?? []).map {
                ($0["from"] as? String ?? "?", $0["to"] as? String ?? "?", $0["carrier"] as? String ?? "?")
            }
        }

        /// The pool file of each scenario, with its nodes and pods: the configured modes are the
        /// scenario's and the capture agrees with them, pair by pair.
        @Test(arguments: LabCluster.scenarios)
        func configuredPoolAgreesWithTheCapture(scenario: String) throws {
            let poolFile = LabCluster.clusterFile(scenario, "ippools.yaml")
            let pool = try LabCluster.pool(try Self.configuredReport(scenario, poolFile: poolFile))
            let configured = try #require(pool["configured"] as? [String: Any])
            let modes = try #require(LabCluster.poolModes[scenario])
            #expect(configured["ipipMode"] as? String == modes.ipip)
            #expect(configured["vxlanMode"] as? String == modes.vxlan)
            #expect(configured["cidr"] as? String == "172.16.0.0/16")
            #expect(configured["name"] as? String == "default-ipv4-ippool")
            #expect((configured["source"] as? String)?.contains("ippools.yaml") == true)
            if scenario == "wireguard" {
                // The uplinks show only encrypted node-to-node sessions: no pod pair to compare,
                // so the capture neither agrees nor disagrees.
                #expect(pool["agrees"] is NSNull)
                #expect(Self.pairs(pool).isEmpty)
                return
            }
            #expect(pool["agrees"] as? Bool == true, "summary.pool.agrees is \(pool["agrees"] ?? "absent")")
            for pair in Self.pairs(pool) {
                let names = pair["names"] as? [Any] ?? []
                #expect(names.count == 2 && names.allSatisfy { $0 is String }, "names \(names)")
                #expect(pair["agrees"] as? Bool == true, "pair \(names)")
                let directions = Self.expected(pair)
                #expect(directions.count == 2, "pair \(names)")
                if let lower = names.first as? String, let upper = names.last as? String {
                    #expect(Set(directions.map { "\($0.from)>\($0.to)" }) == ["\(lower)>\(upper)", "\(upper)>\(lower)"])
                }
            }
            #expect(!(pool["notes"] as? [String] ?? []).contains { $0.contains("implies") || $0.contains("pool-mismatch") })
        }

        /// The operator's Installation gives the same configured modes as the IPPool resource.
        @Test(arguments: LabCluster.scenarios)
        func installationGivesTheSameConfiguredModes(scenario: String) throws {
            let poolFile = LabCluster.clusterFile(scenario, "installation.yaml")
            let pool = try LabCluster.pool(try Self.configuredReport(scenario, poolFile: poolFile))
            let configured = try #require(pool["configured"] as? [String: Any])
            let modes = try #require(LabCluster.poolModes[scenario])
            #expect(configured["ipipMode"] as? String == modes.ipip)
            #expect(configured["vxlanMode"] as? String == modes.vxlan)
            #expect((configured["source"] as? String)?.contains("installation.yaml") == true)
        }
    }
}
