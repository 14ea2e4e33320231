import CalicapTestSupport
import Foundation
import Testing

/// `plaintext-where-wireguard-expected`: the `direct` lab's uplinks (pods talk in the clear)
/// read with cluster files that turn WireGuard on, by FelixConfiguration or by the nodes'
/// published keys (the `wireguard` lab's nodes.yaml, same nodes and addresses).
@Suite struct WireGuardExpectationCLITests {
    static let captures = ["w1-eth0.pcap", "w2-eth0.pcap", "w0-eth0.pcap"].map { Fixtures.lab("direct", $0) }

    static func findings(_ clusterFiles: [String]) throws -> [[String: Any]] {
        let arguments = LabCluster.readArguments(captures) + LabCluster.clusterArguments(clusterFiles) + ["--format", "json"]
        let outcome = try ProcessRunner.calicap(arguments)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let document = try JSONText.object(outcome.standardOutput)
        return (document["findings"] as? [[String: Any]] ?? []).filter {
            $0["id"] as? String == "plaintext-where-wireguard-expected"
        }
    }

    static let podsAndPools = [LabCluster.clusterFile("direct", "ippools.yaml"), LabCluster.clusterFile("direct", "pods-wide.txt")]

    @Test func felixConfigurationTurningWireGuardOnMakesEveryPlainPairAnError() throws {
        let findings = try Self.findings(
            [LabCluster.clusterFile("direct", "nodes.yaml")] + Self.podsAndPools
                + [Fixtures.path("cluster-cases/felixconfiguration-wireguard.yaml")])
        #expect(findings.map { $0["nodes"] as? [String] ?? [] } == [["w0", "w1"], ["w0", "w2"], ["w1", "w2"]])
        for finding in findings {
            #expect(finding["severity"] as? String == "error")
            #expect((finding["flows"] as? [[String: Any]])?.count == 24)
            let evidence = try #require(finding["evidence"] as? [String: Any])
            #expect(evidence["observed"] as? [String] == ["direct"])
            #expect(evidence["expected"] as? String == "wireguard")
            #expect((evidence["reasons"] as? [String])?.first?.hasPrefix("FelixConfiguration default sets wireguardEnabled: true") == true)
        }
    }

    @Test func publishedKeysMakeItAnErrorToo() throws {
        let findings = try Self.findings([LabCluster.clusterFile("wireguard", "nodes.yaml")] + Self.podsAndPools)
        #expect(findings.count == 3)
        let reasons = findings.flatMap { ($0["evidence"] as? [String: Any])?["reasons"] as? [String] ?? [] }
        #expect(reasons.allSatisfy { $0.contains("publishes a WireGuard public key") })
    }

    @Test func wireGuardTurnedOffOutweighsStaleKeys() throws {
        let findings = try Self.findings(
            [LabCluster.clusterFile("wireguard", "nodes.yaml")] + Self.podsAndPools
                + [Fixtures.path("cluster-cases/felixconfiguration-wireguard-off.yaml")])
        #expect(findings.isEmpty)
    }

    @Test func withoutWireGuardInTheFilesNothingIsSaid() throws {
        #expect(try Self.findings([LabCluster.clusterFile("direct", "nodes.yaml")] + Self.podsAndPools).isEmpty)
    }

    /// The WireGuard lab itself: encrypted between nodes, nothing in the clear.
    @Test func theWireGuardLabIsClean() throws {
        let captures = ["w1-eth0.pcap", "w2-eth0.pcap", "w0-eth0.pcap"].map { Fixtures.lab("wireguard", $0) }
        let arguments = LabCluster.readArguments(captures) + LabCluster.clusterArguments(LabCluster.allClusterFiles("wireguard"))
            + ["--format", "json"]
        let outcome = try ProcessRunner.calicap(arguments)
        let document = try JSONText.object(outcome.standardOutput)
        let ids = (document["findings"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        #expect(!ids.contains("plaintext-where-wireguard-expected"))
    }
}
