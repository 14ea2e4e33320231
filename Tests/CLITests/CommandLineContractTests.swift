import CalicapTestSupport
import Foundation
import Testing

/// The public command-line and JSON contract (scripts and CI pipelines depend on it).
@Suite struct CommandLineContractTests {
    static let ipipUplink = Fixtures.path("lab/ipip/w1-eth0.pcap")

    @Test func jsonReportHasTheDocumentedShape() throws {
        let outcome = try ProcessRunner.calicap(["analyze", "-r", Self.ipipUplink, "--format", "json"])
        #expect(outcome.status == 0)
        let document = try JSONText.object(outcome.standardOutput)
        #expect(document["schemaVersion"] as? Int == 1)
        let captures = try #require(document["captures"] as? [[String: Any]])
        #expect(captures.count == 1)
        #expect(captures[0]["source"] as? String == Self.ipipUplink)
        #expect(captures[0]["linkType"] as? String == "EN10MB")
        #expect(captures[0]["interface"] as? String == "eth0")
        #expect(captures[0]["packets"] as? Int == 421)
        let summary = try #require(document["summary"] as? [String: Any])
        #expect(summary["packets"] as? Int == 421)
        #expect(summary["flows"] as? Int == 48)
        #expect(summary["modes"] as? [String: Int] == ["ipip": 48])
        #expect(summary["anomalies"] as? [String: Int] == [:])
        let flows = try #require(document["flows"] as? [[String: Any]])
        #expect(flows.count == 48)
        let tcp = try #require(flows.first { ($0["client"] as? [String: Any])?["port"] as? Int == 10002 })
        #expect(tcp["protocol"] as? String == "tcp")
        #expect((tcp["client"] as? [String: Any])?["ip"] as? String == "172.16.158.1")
        #expect((tcp["server"] as? [String: Any])?["ip"] as? String == "172.16.184.1")
        #expect((tcp["server"] as? [String: Any])?["port"] as? Int == 8080)
        #expect(tcp["kind"] as? String == "pod-to-pod")
        #expect(tcp["mode"] as? String == "ipip")
        #expect(tcp["answered"] as? Bool == true)
        #expect(tcp["packets"] as? [String: Int] == ["toServer": 10, "toClient": 10])
        let bytes = try #require(tcp["bytes"] as? [String: Int])
        #expect((bytes["toServer"] ?? 0) > 2000 && (bytes["toClient"] ?? 0) > 6000)
        let carriers = try #require(tcp["carriers"] as? [[String: Any]])
        #expect(carriers.count == 1)
        #expect(carriers[0]["mode"] as? String == "ipip")
        #expect(carriers[0]["outerSource"] as? String == "192.168.10.101")
        #expect(carriers[0]["outerDestination"] as? String == "192.168.10.102")
        #expect(carriers[0]["vni"] is NSNull)
        #expect(carriers[0]["packets"] as? Int == 20)
        let first = try #require(tcp["firstSeen"] as? String)
        #expect(first.hasPrefix("2026-") && first.hasSuffix("Z") && first.count == "2026-11-26T12:00:57.297265Z".count)
        #expect(tcp["lastSeen"] is String)
        let icmp = try #require(flows.first { $0["protocol"] as? String == "icmp" })
        let client = try #require(icmp["client"] as? [String: Any])
        let server = try #require(icmp["server"] as? [String: Any])
        #expect(client["port"] as? Int == server["port"] as? Int)
    }

    @Test func plainArgumentsAndNoSubcommandGiveTheSameReport() throws {
        let analyze = try ProcessRunner.calicap(["analyze", "-r", Self.ipipUplink, "--format", "json"])
        let bare = try ProcessRunner.calicap(["-r", Self.ipipUplink, "--format", "json"])
        let positional = try ProcessRunner.calicap(["analyze", Self.ipipUplink, "--format", "json"])
        #expect(analyze.status == 0 && bare.status == 0 && positional.status == 0)
        #expect(analyze.standardOutput == bare.standardOutput)
        #expect(analyze.standardOutput == positional.standardOutput)
    }

    @Test func standardInputIsReadWithDash() throws {
        let outcome = try ProcessRunner.calicap(
            ["-r", "-", "--format", "jsonl"], standardInput: Self.ipipUplink)
        #expect(outcome.status == 0)
        let lines = outcome.standardOutput.split(separator: "\n")
        #expect(lines.count == 48)
        for line in lines {
            let flow = try JSONText.object(String(line))
            #expect(flow["mode"] as? String == "ipip")
        }
    }

    @Test func csvHasAHeaderAndOneRowPerFlow() throws {
        let outcome = try ProcessRunner.calicap(["-r", Self.ipipUplink, "--format", "csv"])
        #expect(outcome.status == 0)
        let lines = outcome.standardOutput.split(separator: "\n")
        #expect(lines.first?.hasPrefix("protocol,client_ip,client_port,server_ip,server_port,kind,mode,") == true)
        #expect(lines.count == 49)
        #expect(lines.dropFirst().allSatisfy { $0.contains(",pod-to-pod,ipip,") })
    }

    @Test func tableShowsFlowsAndThePool() throws {
        let outcome = try ProcessRunner.calicap(["-r", Fixtures.path("lab/crosssubnet/w1-any.pcap")])
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.contains("pool: CrossSubnet (ipip)"))
        #expect(outcome.standardOutput.contains("any (assumed)"))
        #expect(outcome.standardOutput.contains("modes: direct 24, ipip 24, local 6"))
    }

    @Test func severalFilesAreMergedIntoOneReport() throws {
        let lab = Fixtures.rootURL.appendingPathComponent("lab/vxlan-crosssubnet")
        let outcome = try ProcessRunner.calicap(
            ["-r", lab.appendingPathComponent("w1-eth0.pcap").path, "-r", lab.appendingPathComponent("w0-eth0.pcap").path,
             "--format", "json"])
        #expect(outcome.status == 0)
        let document = try JSONText.object(outcome.standardOutput)
        #expect((document["captures"] as? [Any])?.count == 2)
        let summary = try #require(document["summary"] as? [String: Any])
        #expect((summary["pool"] as? [String: Any])?["behaviour"] as? String == "CrossSubnet")
        #expect((summary["pool"] as? [String: Any])?["encapsulation"] as? String == "vxlan")
    }
}
