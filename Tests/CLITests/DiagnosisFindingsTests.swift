import CalicapTestSupport
import Foundation
import Testing

/// The diagnosis findings on captures that show them (`Fixtures/diagnosis/`, crafted by
/// `Fixtures/diagnosis/make-fixtures.py` in the namespace lab's address plan), with the numbers
/// in their evidence; and none of them on the lab's healthy captures.
@Suite struct DiagnosisFindingsTests {
    static let diagnoses: Set<String> = [
        "asymmetric-encapsulation", "mtu-fragmentation-needed", "mtu-blackhole", "bad-outer-checksum", "carrier-changed",
    ]

    static func findings(_ arguments: [String]) throws -> [[String: Any]] {
        let outcome = try ProcessRunner.calicap(arguments + ["--format", "json"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        return try JSONText.object(outcome.standardOutput)["findings"] as? [[String: Any]] ?? []
    }

    static func fixture(_ name: String) -> String { Fixtures.path("diagnosis/\(name)") }

    /// The ids of the findings that are warnings or errors.
    static func problems(_ findings: [[String: Any]]) -> [String] {
        findings.filter { ($0["severity"] as? String) != "info" }.compactMap { $0["id"] as? String }
    }

    static func finding(_ id: String, in findings: [[String: Any]]) throws -> [String: Any] {
        try #require(findings.first { $0["id"] as? String == id }, "no \(id)")
    }

    static func evidence(_ finding: [String: Any]) -> [String: Any] { finding["evidence"] as? [String: Any] ?? [:] }

    @Test func fragmentationNeededQuotingATunnelPacket() throws {
        let findings = try Self.findings([Self.fixture("mtu-fragmentation-needed.pcap")])
        #expect(Self.problems(findings) == ["mtu-fragmentation-needed"])
        let finding = try Self.finding("mtu-fragmentation-needed", in: findings)
        #expect(finding["severity"] as? String == "warning")
        let evidence = Self.evidence(finding)
        #expect(evidence["mtu"] as? Int == 1400)
        #expect(evidence["quotedLength"] as? Int == 1500)
        #expect(evidence["quotedTunnel"] as? String == "ipip")
        #expect(evidence["reporter"] as? String == "10.10.7.1")
        #expect(evidence["messages"] as? Int == 1)
        #expect(evidence["firstSeen"] as? String == "2026-11-30T00:53:20.002100Z")
        #expect(finding["nodes"] as? [String] == ["10.10.7.1", "10.10.7.21"])
        // The error is about the pod flow inside the tunnel packet it quoted.
        let flows = finding["flows"] as? [[String: Any]] ?? []
        #expect(flows.count == 1)
        #expect((flows.first?["client"] as? [String: Any])?["ip"] as? String == "10.66.12.65")
        #expect((flows.first?["server"] as? [String: Any])?["ip"] as? String == "10.66.201.193")
        #expect((finding["detail"] as? String)?.contains("at most 1380") == true)
    }

    /// ICMPv6 "packet too big" quoting a pod packet itself (IPv6 Direct): the pod MTU is the one
    /// to lower; the pod resent smaller, so nothing stalled.
    @Test func packetTooBigQuotingAPodPacket() throws {
        let findings = try Self.findings([Self.fixture("packet-too-big-pod.pcap")])
        #expect(Self.problems(findings) == ["mtu-fragmentation-needed"])
        let finding = try Self.finding("mtu-fragmentation-needed", in: findings)
        let evidence = Self.evidence(finding)
        #expect(evidence["mtu"] as? Int == 1280)
        #expect(evidence["quotedLength"] as? Int == 1500)
        #expect(evidence["quotedTunnel"] as? String == "none")
        #expect(evidence["reporter"] as? String == "fd00:10:7::1")
        #expect((finding["detail"] as? String)?.contains("\"packet too big\"") == true)
        let flow = try #require((finding["flows"] as? [[String: Any]])?.first)
        #expect((flow["client"] as? [String: Any])?["ip"] as? String == "fd00:66:12::41")
    }

    @Test func blackholeOfFullSizeSegments() throws {
        let findings = try Self.findings([Self.fixture("mtu-blackhole.pcap")])
        #expect(Self.problems(findings) == ["mtu-blackhole"])
        let finding = try Self.finding("mtu-blackhole", in: findings)
        #expect(finding["severity"] as? String == "error")
        let evidence = Self.evidence(finding)
        #expect(evidence["direction"] as? String == "toClient")
        #expect(evidence["segmentSize"] as? Int == 1398)
        #expect(evidence["retransmissions"] as? Int == 6)
        #expect(evidence["largestDelivered"] as? Int == 200)
        #expect(evidence["bytesAcknowledged"] as? Int == 200)
        #expect(evidence["bytesAcknowledgedBack"] as? Int == 120)
        #expect(evidence["firstRetransmission"] as? String == "2026-11-30T00:53:20.210000Z")
        #expect(evidence["lastRetransmission"] as? String == "2026-11-30T00:53:21.440100Z")
    }

    /// Captured in the namespace lab (`Fixtures/diagnosis/make-lab-captures.sh`): the router's
    /// port towards node c has MTU 1400 and its ICMP is dropped; node a's 1500-byte IP-in-IP
    /// packets carrying 1428-byte segments vanish, the 10-byte request got through.
    @Test func labBlackhole() throws {
        let findings = try Self.findings([Self.fixture("lab-mtu-blackhole.pcap")])
        #expect(Self.problems(findings) == ["mtu-blackhole"])
        let finding = try Self.finding("mtu-blackhole", in: findings)
        let evidence = Self.evidence(finding)
        #expect(evidence["direction"] as? String == "toClient")
        #expect(evidence["segmentSize"] as? Int == 1428)
        #expect(evidence["retransmissions"] as? Int == 11)
        #expect(evidence["largestDelivered"] as? Int == 0)
        #expect(evidence["bytesAcknowledged"] as? Int == 0)
        #expect(evidence["bytesAcknowledgedBack"] as? Int == 10)
        let flow = try #require((finding["flows"] as? [[String: Any]])?.first)
        #expect((flow["server"] as? [String: Any])?["port"] as? Int == 7100)
    }

    /// The same lab with the ICMP let through: the router quotes node a's IP-in-IP packet; the
    /// node then fragments its tunnel packets and the flow completes (no black hole).
    @Test func labFragmentationNeeded() throws {
        let findings = try Self.findings([Self.fixture("lab-mtu-fragmentation-needed.pcap")])
        #expect(Self.problems(findings) == ["mtu-fragmentation-needed"])
        let finding = try Self.finding("mtu-fragmentation-needed", in: findings)
        let evidence = Self.evidence(finding)
        #expect(evidence["mtu"] as? Int == 1400)
        #expect(evidence["quotedLength"] as? Int == 1500)
        #expect(evidence["quotedTunnel"] as? String == "ipip")
        #expect(evidence["reporter"] as? String == "10.10.7.1")
        #expect(evidence["messages"] as? Int == 1)
        #expect(finding["nodes"] as? [String] == ["10.10.7.1", "10.10.7.21"])
        let flow = try #require((finding["flows"] as? [[String: Any]])?.first)
        #expect((flow["server"] as? [String: Any])?["port"] as? Int == 7100)
    }

    @Test func wrongOuterChecksumsOnTheReceiver() throws {
        let findings = try Self.findings([Self.fixture("bad-outer-checksum.pcap")])
        #expect(Self.problems(findings) == ["bad-outer-checksum"])
        let evidence = Self.evidence(try Self.finding("bad-outer-checksum", in: findings))
        #expect(evidence["packets"] as? Int == 4)
        #expect(evidence["flows"] as? Int == 1)
        #expect(evidence["retransmissions"] as? Int == 3)
        #expect(evidence["unfinishedChecksums"] as? Int == 0)
    }

    /// The sender's own capture with offloads on: checksums left for the NIC and GSO super-frames
    /// are recognised as normal, never blamed.
    @Test func partialChecksumsAndSuperFramesAreNormal() throws {
        let findings = try Self.findings([Self.fixture("partial-checksum-gso.pcap")])
        #expect(Self.problems(findings).isEmpty)
        let superFrames = Self.evidence(try Self.finding("offload-super-frames", in: findings))
        #expect(superFrames["packets"] as? Int == 4)
        #expect(superFrames["largest"] as? Int == 2986)
        #expect(findings.first { $0["id"] as? String == "bad-outer-checksum" } == nil)
    }

    /// tcpdump's real GSO and BIG TCP captures (super-frames of 7092 and 80102 bytes, outer
    /// checksums unfinished): recognised, never blamed.
    @Test(arguments: ["gso-ipv4-vxlan-ipv4.pcap", "gso-ipv6-vxlan-ipv4.pcap", "bigtcp-ipv4-vxlan-ipv4.pcap"])
    func realSuperFramesAreNormal(file: String) throws {
        let findings = try Self.findings([Fixtures.path("public/the-tcpdump-group_tcpdump/\(file)")])
        let ids = Set(findings.compactMap { $0["id"] as? String })
        #expect(ids.isDisjoint(with: Self.diagnoses))
        #expect(ids.contains("offload-super-frames"))
    }

    @Test func tunnelledThereDirectBack() throws {
        let findings = try Self.findings([Self.fixture("asymmetric.pcap")])
        #expect(Self.problems(findings) == ["asymmetric-encapsulation"])
        let finding = try Self.finding("asymmetric-encapsulation", in: findings)
        let evidence = Self.evidence(finding)
        #expect(evidence["flows"] as? Int == 3)
        #expect(evidence["toServer"] as? [String] == ["ipip"])
        #expect(evidence["toClient"] as? [String] == ["direct"])
        #expect(finding["nodes"] as? [String] == ["10.10.7.21", "10.10.7.22"])
        #expect((finding["flows"] as? [Any])?.count == 3)
    }

    @Test func carrierChangedWithTimesBeforeAndAfter() throws {
        let findings = try Self.findings([Self.fixture("carrier-changed.pcap")])
        #expect(Self.problems(findings) == ["carrier-changed"])
        let finding = try Self.finding("carrier-changed", in: findings)
        let evidence = Self.evidence(finding)
        #expect(evidence["from"] as? String == "ipip")
        #expect(evidence["to"] as? String == "vxlan")
        #expect(evidence["lastBefore"] as? String == "2026-11-30T00:53:20.501200Z")
        #expect(evidence["at"] as? String == "2026-11-30T00:53:25.000000Z")
        #expect(evidence["flowsBefore"] as? Int == 2)
        #expect(evidence["flowsAfter"] as? Int == 2)
        #expect(finding["nodes"] as? [String] == ["10.10.7.21", "10.10.7.22"])
        #expect((finding["flows"] as? [Any])?.count == 4)
    }

    /// What each mode adds, from the outer headers: 20 bytes for IP-in-IP, 50 for VXLAN over
    /// IPv4, 70 over IPv6, on the lab's uplinks.
    @Test func overheadPerMode() throws {
        let ipip = try Self.findings(GraphReportTests.uplinks("ipip")).filter { $0["id"] as? String == "encapsulation-overhead" }
        #expect(ipip.count == 1)
        let ipipEvidence = Self.evidence(try #require(ipip.first))
        #expect(ipipEvidence["mode"] as? String == "ipip")
        #expect(ipipEvidence["bytesPerPacket"] as? String == "20")
        let packets = try #require(ipipEvidence["packets"] as? Int)
        #expect(ipipEvidence["bytesAdded"] as? Int == packets * 20)
        let dual = try Self.findings(GraphReportTests.uplinks("dualstack-vxlan-crosssubnet"))
            .filter { $0["id"] as? String == "encapsulation-overhead" }.map(Self.evidence)
        #expect(dual.map { $0["underlay"] as? String } == ["ipv4", "ipv6"])
        #expect(dual.map { $0["bytesPerPacket"] as? String } == ["50", "70"])
    }

    /// The lab's captures (every file of each scenario together, and each uplink alone) raise
    /// none of the diagnoses: their carriers are symmetric, their checksums zero, nothing stalls.
    @Test(arguments: Fixtures.labFolders)
    func labCapturesRaiseNoDiagnosis(scenario: String) throws {
        let all = Fixtures.labCaptures(scenario).map { Fixtures.lab(scenario, $0) }
        var sets = [all]
        sets += GraphReportTests.uplinks(scenario).map { [$0] }
        for files in sets {
            let raised = Set(try Self.findings(files).compactMap { $0["id"] as? String })
            #expect(raised.isDisjoint(with: Self.diagnoses), "\(files): \(raised.intersection(Self.diagnoses))")
        }
    }
}
