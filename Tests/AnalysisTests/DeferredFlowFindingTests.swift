import Analysis
import CalicapTestSupport
import Findings
import Inputs
import Testing

/// The session's verdicts leave out the findings a flow's record gives on its own (no reply,
/// ICMP errors) and the flow builds them when asked: the report must still list each one.
@Suite struct DeferredFlowFindingTests {
    @Test(arguments: [Fixtures.lab("direct", "router-vpc20.pcap"), Fixtures.path("diagnosis/lab-mtu-fragmentation-needed.pcap")])
    func everyUnansweredFlowAndICMPErrorIsAFindingOfItsFlow(path: String) throws {
        let result = try Analyzer.run(AnalysisOptions(paths: [path]))
        var unanswered = 0
        var errors = 0
        for flow in result.flows {
            #expect(flow.verdict.recordFindingsDeferred)
            #expect(!flow.verdict.findings.contains { $0.code == .noReply || $0.code == .icmpError })
            let expectsNoReply = !flow.record.answered && flow.record.packetsToServer > 0
            #expect(flow.findings.filter { $0.code == .noReply }.count == (expectsNoReply ? 1 : 0))
            #expect(flow.findings.filter { $0.code == .icmpError }.count == flow.record.icmpErrors.count)
            #expect(flow.notes == flow.findings.map(\.detail))
            unanswered += expectsNoReply ? 1 : 0
            errors += flow.record.icmpErrors.count
        }
        // Each capture has what the test is about.
        #expect(unanswered + errors > 0)
        #expect(result.allFindings.filter { $0.code == .noReply }.count == unanswered)
        #expect(result.allFindings.filter { $0.code == .icmpError }.count == errors)
    }
}
