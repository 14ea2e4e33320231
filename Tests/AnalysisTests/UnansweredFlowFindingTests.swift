import Analysis
import CalicapTestSupport
import Findings
import Inputs
import Testing

/// Diagnosis of unanswered pod flows on the lab: in `direct` (the router does not route pod
/// addresses) the cross-subnet flows are unanswered, last seen on the router's port on the
/// sender's side, and the cause is named; in `direct-rkp` (the router routes them) nothing is.
@Suite struct UnansweredFlowFindingTests {
    static let captures = ["w1-eth0.pcap", "w2-eth0.pcap", "w0-eth0.pcap", "router-vpc10.pcap", "router-vpc20.pcap"]

    static func analyse(_ folder: String) throws -> AnalysisResult {
        try Analyzer.run(AnalysisOptions(paths: captures.map { Fixtures.lab(folder, $0) }))
    }

    @Test func directAcrossSubnetsIsUnroutedAndLastSeenAtTheRouter() throws {
        let result = try Self.analyse("direct")
        let unanswered = try #require(result.trafficFindings.first { $0.code == .unansweredPodFlows })
        #expect(unanswered.severity == .warning)
        // Every pod pair across the subnet boundary, both ways: 2 nodes × 2 × 2 pods × 3 flows × 2 directions.
        #expect(unanswered.flows.count == 48)
        // Requests from w1 and w2 reach the router's vpc10 side and go no further; w0's reach vpc20.
        #expect(unanswered.evidence.contains(EvidenceItem("lastSeen", .texts(["router-vpc10.pcap: 24", "router-vpc20.pcap: 24"]))))
        let cause = try #require(result.trafficFindings.first { $0.code == .directAcrossSubnetsUnrouted })
        #expect(cause.severity == .error)
        #expect(Set(cause.flows) == Set(unanswered.flows))
        #expect(Set(cause.nodes) == ["192.168.10.101", "192.168.10.102", "192.168.20.100"])
    }

    @Test(arguments: ["direct-rkp", "crosssubnet", "ipip"])
    func answeredLabsHaveNoSuchFinding(folder: String) throws {
        let result = try Self.analyse(folder)
        // Only what each mode costs (encapsulation-overhead, info) may be said of a healthy lab.
        #expect(result.trafficFindings.filter { $0.severity >= .warning }.isEmpty)
        #expect(result.trafficFindings.allSatisfy { $0.code == .encapsulationOverhead })
    }

    /// One node's uplink: the flows are still unanswered and last seen there, but without the
    /// subnet of w0 (no packet of w0's pods reaches w1) the cause cannot be named.
    @Test func oneUplinkSaysWhereButNotWhy() throws {
        let result = try Analyzer.run(AnalysisOptions(paths: [Fixtures.lab("direct", "w1-eth0.pcap")]))
        let unanswered = try #require(result.trafficFindings.first { $0.code == .unansweredPodFlows })
        #expect(unanswered.evidence.contains(EvidenceItem("lastSeen", .texts(["w1-eth0.pcap: 12"]))))
        #expect(!result.trafficFindings.contains { $0.code == .directAcrossSubnetsUnrouted })
    }
}
