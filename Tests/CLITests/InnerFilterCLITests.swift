import CalicapTestSupport
import Foundation
import Testing

/// `--inner-filter` and `--pod` on the lab's tunnelled captures: exactly the flows of the pod,
/// compared with the unfiltered report's flows that involve it; and the outer filter's warning.
@Suite struct InnerFilterCLITests {
    /// One flow as compared: protocol, both ends, mode, answered.
    struct FlowSummary: Hashable, CustomStringConvertible {
        var text: String
        var description: String { text }
    }

    static func report(_ arguments: [String]) throws -> (document: [String: Any], outcome: ProcessOutcome) {
        let outcome = try ProcessRunner.calicap(arguments + ["--format", "json", "-n"])
        return (try JSONText.object(outcome.standardOutput), outcome)
    }

    static func flows(_ document: [String: Any]) -> [[String: Any]] {
        document["flows"] as? [[String: Any]] ?? []
    }

    static func summary(_ flow: [String: Any]) -> FlowSummary {
        let client = flow["client"] as? [String: Any] ?? [:]
        let server = flow["server"] as? [String: Any] ?? [:]
        return FlowSummary(
            text: "\(flow["protocol"] ?? "?") \(client["ip"] ?? "?"):\(client["port"] ?? "?") > "
                + "\(server["ip"] ?? "?"):\(server["port"] ?? "?") \(flow["mode"] ?? "?") answered=\(flow["answered"] ?? "?")")
    }

    static func ends(_ flow: [String: Any]) -> [String] {
        [(flow["client"] as? [String: Any])?["ip"] as? String ?? "", (flow["server"] as? [String: Any])?["ip"] as? String ?? ""]
    }

    /// The unfiltered report's flows with an end `involves` accepts, and the filtered report's flows.
    static func compare(_ file: String, filter: [String], involves: (String) -> Bool) throws
        -> (expected: Set<FlowSummary>, filtered: Set<FlowSummary>, outcome: ProcessOutcome)
    {
        let all = try report(["-r", file])
        let expected = Set(flows(all.document).filter { ends($0).contains(where: involves) }.map(summary))
        let filtered = try report(["-r", file] + filter)
        return (expected, Set(flows(filtered.document).map(summary)), filtered.outcome)
    }

    @Test(arguments: ["ipip", "vxlan", "crosssubnet", "vxlan-crosssubnet"])
    func podGivesExactlyThePodsFlows(_ scenario: String) throws {
        let result = try Self.compare(
            Fixtures.lab(scenario, "w1-eth0.pcap"), filter: ["--pod", "172.16.34.1"], involves: { $0 == "172.16.34.1" })
        #expect(result.outcome.status == 0)
        #expect(result.expected.count >= 12)
        #expect(result.filtered == result.expected)
    }

    @Test func podTakesAnIPv6Address() throws {
        let result = try Self.compare(
            Fixtures.lab("dualstack-vxlan-crosssubnet", "w1-eth0.pcap"), filter: ["--pod", "fd00:10:244::2201"],
            involves: { $0 == "fd00:10:244::2201" })
        #expect(result.expected.count >= 12)
        #expect(result.filtered == result.expected)
        #expect(result.filtered.allSatisfy { $0.text.contains(" vxlan ") })
    }

    @Test func podTakesABlock() throws {
        let result = try Self.compare(
            Fixtures.lab("ipip", "w1-eth0.pcap"), filter: ["--pod", "172.16.34.0/26"],
            involves: { $0.hasPrefix("172.16.34.") })
        #expect(result.expected.count >= 24)
        #expect(result.filtered == result.expected)
    }

    @Test func repeatedPodsAreAnyOfThem() throws {
        let result = try Self.compare(
            Fixtures.lab("ipip", "w1-eth0.pcap"), filter: ["--pod", "172.16.34.1", "--pod", "172.16.34.2"],
            involves: { $0 == "172.16.34.1" || $0 == "172.16.34.2" })
        #expect(result.filtered == result.expected)
    }

    @Test func innerFilterTakesAnyExpression() throws {
        let file = Fixtures.lab("vxlan", "w1-eth0.pcap")
        let filtered = try Self.report(["-r", file, "--inner-filter", "host 172.16.34.1 and tcp"])
        let all = try Self.report(["-r", file])
        let expected = Set(
            Self.flows(all.document).filter { Self.ends($0).contains("172.16.34.1") && $0["protocol"] as? String == "tcp" }
                .map(Self.summary))
        #expect(!expected.isEmpty)
        #expect(Set(Self.flows(filtered.document).map(Self.summary)) == expected)
    }

    @Test func countAndVerboseSeeOnlyThePodsPackets() throws {
        let outcome = try ProcessRunner.calicap(["-r", Fixtures.lab("ipip", "w1-eth0.pcap"), "--pod", "172.16.34.1", "-v", "-c", "3", "-n"])
        #expect(outcome.status == 0)
        let lines = outcome.standardOutput.split(separator: "\n")
        let reportStart = try #require(lines.firstIndex(of: "Captures"))
        #expect(reportStart == 3)
        #expect(lines[..<reportStart].allSatisfy { $0.contains(" IPIP ") && $0.contains("172.16.34.1") })
    }

    @Test func innerAndOuterFiltersMustBothHold() throws {
        // The outer filter keeps IP-in-IP between w1 and w0 only; the inner one a pod on w0.
        let file = Fixtures.lab("ipip", "w1-eth0.pcap")
        let both = try Self.report(["-r", file, "--pod", "172.16.34.1", "host", "192.168.20.100"])
        let podOnly = try Self.report(["-r", file, "--pod", "172.16.34.1"])
        #expect(Set(Self.flows(both.document).map(Self.summary)) == Set(Self.flows(podOnly.document).map(Self.summary)))
        let none = try Self.report(["-r", file, "--pod", "172.16.34.1", "host", "192.168.10.102"])
        #expect(Self.flows(none.document).isEmpty)
    }

    @Test func outerFilterOnAPodAddressSaysBPFSeesOuterHeaders() throws {
        let file = Fixtures.lab("ipip", "w1-eth0.pcap")
        let (document, outcome) = try Self.report(["-r", file, "host", "172.16.34.1"])
        #expect(outcome.status == 0)
        #expect(Self.flows(document).isEmpty)
        #expect(outcome.standardError.contains("calicap: warning: the filter 'host 172.16.34.1' dropped all 421 packets"))
        #expect(outcome.standardError.contains("use --inner-filter 'host 172.16.34.1'"))
        let findings = document["findings"] as? [[String: Any]] ?? []
        let finding = try #require(findings.first { $0["id"] as? String == "filter-sees-outer-headers" })
        #expect(finding["severity"] as? String == "warning")
        let evidence = finding["evidence"] as? [String: Any] ?? [:]
        // 104 packets of the pod's 12 flows travel inside the tunnels of this capture.
        let podPackets = try Self.report(["-r", file, "--pod", "172.16.34.1"]).document
        #expect(evidence["matchingInside"] as? Int == (podPackets["summary"] as? [String: Any])?["packets"] as? Int)
        // The table says it too.
        let table = try ProcessRunner.calicap(["-r", file, "host", "172.16.34.1"])
        #expect(table.standardOutput.contains("WARNING filter-sees-outer-headers:"))
    }

    @Test func noWarningWhenTheFilterLetsPacketsThroughOrNothingIsTunnelled() throws {
        // `ip proto 4` keeps the IP-in-IP packets: nothing to say.
        let ipip = try Self.report(["-r", Fixtures.lab("ipip", "w1-eth0.pcap"), "ip", "proto", "4"])
        #expect(!Self.flows(ipip.document).isEmpty)
        #expect(!ipip.outcome.standardError.contains("warning"))
        let direct = try Self.report(["-r", Fixtures.lab("direct", "w1-eth0.pcap"), "host", "10.9.9.9"])
        #expect(Self.flows(direct.document).isEmpty)
        #expect(!direct.outcome.standardError.contains("filter-sees-outer-headers"))
        #expect(!(direct.document["findings"] as? [[String: Any]] ?? []).contains { $0["id"] as? String == "filter-sees-outer-headers" })
    }

    @Test func badExpressionsAreOneLine() throws {
        let file = Fixtures.lab("ipip", "w1-eth0.pcap")
        let badFilter = try ProcessRunner.calicap(["-r", file, "--inner-filter", "host 1.2.3."])
        #expect(badFilter.status == 3)
        #expect(badFilter.standardOutput.isEmpty)
        #expect(badFilter.standardError.hasPrefix("calicap: bad filter expression 'host 1.2.3.'"))
        let badPod = try ProcessRunner.calicap(["-r", file, "--pod", "pod-a"])
        #expect(badPod.status == 2)
        #expect(badPod.standardError.contains("--pod 'pod-a' is not an address"))
    }

    @Test func verifyJudgesOnlyThePod() throws {
        let file = Fixtures.lab("crosssubnet", "w1-eth0.pcap")
        // The whole capture has direct flows too; the pod on w0 is reached over IPIP only.
        let whole = try ProcessRunner.calicap(["verify", "--expect-mode", "ipip", file])
        #expect(whole.status == 1)
        let pod = try ProcessRunner.calicap(["verify", "--expect-mode", "ipip", "--pod", "172.16.34.1", "--format", "json", file])
        #expect(pod.status == 0)
        let observed = try JSONText.object(pod.standardOutput)["observed"] as? [String: Any] ?? [:]
        #expect(observed["podToPodFlows"] as? Int == 12)
    }

    @Test func verifySaysWhenTheOuterFilterSeesOuterHeaders() throws {
        let outcome = try ProcessRunner.calicap(
            ["verify", "--expect-mode", "ipip", "-f", "host 172.16.34.1", Fixtures.lab("ipip", "w1-eth0.pcap")])
        #expect(outcome.status == 3)
        #expect(outcome.standardError.contains("warning: the filter 'host 172.16.34.1' dropped all 421 packets"))
    }
}
