import CalicapTestSupport
import Foundation
import Testing

/// Pool verdicts no surer than the capture: one node's eth0 whose pairs all cross a subnet
/// boundary, and a router's ports, cannot tell Always from CrossSubnet; captures in which
/// nothing proves a pod give Unknown; a note says what every verdict rests on.
@Suite struct PoolVerdictHonestyCLITests {
    static func summary(_ arguments: [String]) throws -> [String: Any] {
        let outcome = try ProcessRunner.calicap(arguments + ["--format", "json"])
        #expect([0, 4].contains(outcome.status), "\(arguments): \(outcome.standardError)")
        return try JSONText.object(outcome.standardOutput)["summary"] as? [String: Any] ?? [:]
    }

    static func findingIDs(_ arguments: [String]) throws -> [String] {
        let outcome = try ProcessRunner.calicap(arguments + ["--format", "json"])
        let findings = try JSONText.object(outcome.standardOutput)["findings"] as? [[String: Any]] ?? []
        return findings.compactMap { $0["id"] as? String }
    }

    /// w0's eth0 (every pair it sees crosses the subnet boundary) and both router ports: the
    /// tunnelled pairs would tunnel under Always and under CrossSubnet alike.
    @Test(arguments: ["w0-eth0.pcap", "router-vpc10.pcap", "router-vpc20.pcap"])
    func crossSubnetPairsOnlyAreAlwaysOrCrossSubnet(_ file: String) throws {
        let arguments = ["-r", Fixtures.lab("crosssubnet", file)]
        let pool = try Self.summary(arguments)["pool"] as? [String: Any] ?? [:]
        #expect(pool["possibleBehaviours"] as? [String] == ["Always", "CrossSubnet"])
        #expect(pool["ipipMode"] is NSNull)
        #expect(pool["vxlanMode"] as? String == "Never")
        #expect(try Self.findingIDs(arguments).contains("always-or-crosssubnet"))
        let table = try ProcessRunner.calicap(arguments)
        #expect(table.standardOutput.contains("  pool: Always or CrossSubnet (ipip)\n"))
        #expect(!table.standardOutput.contains("  pool: Always (ipip)"))
    }

    /// Both of w1's neighbours seen from w1: the same-subnet pair goes direct, the other
    /// tunnels, which only CrossSubnet does.
    @Test func bothKindsOfPairDecide() throws {
        let pool = try Self.summary(["-r", Fixtures.lab("crosssubnet", "w1-eth0.pcap")])["pool"] as? [String: Any] ?? [:]
        #expect(pool["behaviour"] as? String == "CrossSubnet")
        #expect(pool["possibleBehaviours"] as? [String] == [])
        #expect(pool["ipipMode"] as? String == "CrossSubnet")
    }

    /// Captures in which nothing proves a pod address (a public TCP trace, VXLAN carrying hosts'
    /// traffic, and every other such public capture): Unknown, no mode claimed.
    @Test func nothingProvedIsUnknown() throws {
        let named = ["zeek_zeek/tcp.pcap", "OISF_suricata-verify/vxlan-decoder-01__input.pcap", "zeek_zeek/vxlan.pcap"]
        var judged = 0
        for file in Fixtures.captureFiles(under: "public") {
            let outcome = try ProcessRunner.calicap(["-r", Fixtures.path("public/\(file)"), "--format", "json"])
            guard outcome.status != 3, let document = try? JSONText.object(outcome.standardOutput),
                let summary = document["summary"] as? [String: Any]
            else { continue }
            guard summary["podNetworksSource"] as? String == "assumed" else {
                #expect(!named.contains(file), "\(file): \(summary["podNetworksSource"] ?? "")")
                continue
            }
            judged += 1
            let pool = summary["pool"] as? [String: Any] ?? [:]
            #expect(["Unknown", "WireGuard"].contains(pool["behaviour"] as? String ?? ""), "\(file): \(pool)")
            #expect(pool["ipipMode"] is NSNull, "\(file)")
            #expect(pool["vxlanMode"] is NSNull, "\(file)")
            if named.contains(file) {
                #expect(pool["behaviour"] as? String == "Unknown", "\(file)")
                let ids = (document["findings"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                // Why: no pod flow between nodes, or the tunnel is another overlay's, not Calico's.
                #expect(ids.contains("no-inter-node-pod-flow") || ids.contains("not-calico-overlay"), "\(file): \(ids)")
            }
        }
        #expect(judged >= 40)
    }

    /// The note on what the verdict rests on agrees with the report's own flows and node pairs.
    @Test(arguments: ["crosssubnet", "direct", "ipip", "vxlan-crosssubnet"])
    func basisNoteAgreesWithTheReport(_ scenario: String) throws {
        let files = Fixtures.labCaptures(scenario).filter { $0.hasSuffix("-eth0.pcap") }.map { Fixtures.lab(scenario, $0) }
        let outcome = try ProcessRunner.calicap(files + ["--format", "json"])
        let document = try JSONText.object(outcome.standardOutput)
        let flows = (document["flows"] as? [[String: Any]] ?? []).filter {
            $0["kind"] as? String == "pod-to-pod" && !["local", "unknown"].contains($0["mode"] as? String ?? "")
        }
        let pairs = ((document["summary"] as? [String: Any])?["pool"] as? [String: Any])?["nodePairs"] as? [[String: Any]] ?? []
        let within = pairs.filter { $0["sameSubnet"] as? Bool == true }.count
        let across = pairs.filter { $0["sameSubnet"] as? Bool == false }.count
        let basis = (document["findings"] as? [[String: Any]] ?? []).first { $0["id"] as? String == "verdict-basis" }
        let detail = try #require(basis?["detail"] as? String)
        #expect(detail.hasPrefix("the verdict rests on \(flows.count) pod-to-pod flows between nodes, \(pairs.count) node pairs (\(within) within one subnet, \(across) across subnets"), "\(detail)")
        #expect(detail.hasSuffix("pods in 172.16.0.0/16 inferred from the packets"))
        let evidence = basis?["evidence"] as? [String: Any] ?? [:]
        #expect(evidence["flows"] as? Int == flows.count)
    }
}
