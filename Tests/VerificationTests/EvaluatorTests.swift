import Testing
import Wire
@testable import Verification

@Suite("Evaluation: each expectation's verdict and evidence")
struct EvaluatorTests {
    let observation = ObservationSamples.crossSubnet

    func report(_ yaml: String, resolver: any NameResolver = NoClusterContext()) throws -> VerificationReport {
        try Evaluator(resolver: resolver).evaluate(try ExpectationsLoader.parse(yaml, file: "e.yaml"), against: observation)
    }

    @Test("pool settings: held, wrong, and cannot tell")
    func pool() throws {
        let held = try report("pool: { ipipMode: CrossSubnet, vxlanMode: Never }")
        #expect(held.passed && held.outcomes.map(\.id) == ["pool.ipipMode", "pool.vxlanMode"])
        let wrong = try report("pool: { ipipMode: Always }")
        #expect(!wrong.passed && wrong.outcomes[0].summary.contains("observed ipipMode CrossSubnet"))
        var unknown = observation
        unknown.pool = ObservedPool(behaviour: "Unknown", undecidedReason: "no pod-to-pod flow between nodes in the capture")
        let undecided = try Evaluator().evaluate(try ExpectationsLoader.parse("pool: { vxlanMode: Never }", file: "e"), against: unknown)
        #expect(!undecided.passed && undecided.outcomes[0].summary.hasPrefix("the capture cannot tell vxlanMode"))
    }

    @Test("flows: mode, answered, minFlows, protocol and port")
    func flows() throws {
        let result = try report("""
            flows:
              - { from: 172.16.158.0/26, to: 172.16.184.0/26, mode: direct, answered: true }
              - { from: 172.16.158.0/26, to: 172.16.34.0/26, mode: ipip }
              - { from: 172.16.158.0/26, to: 172.16.34.0/26, mode: ipip, answered: true }
              - { from: 172.16.158.0/26, to: 172.16.34.0/26, protocol: tcp, port: 8080, mode: ipip, answered: true }
              - { from: 172.16.158.0/26, to: 172.16.184.0/26, mode: ipip }
              - { from: 172.16.158.0/26, to: 172.16.34.0/26, mode: ipip, minFlows: 3 }
              - { from: 10.9.9.0/24, mode: direct }
            """)
        #expect(result.outcomes.map(\.passed) == [true, true, false, true, false, false, false])
        #expect(result.outcomes[2].summary == "1 of 2 flows were not ipip and answered")
        #expect(result.outcomes[2].evidence == ["udp 172.16.158.1:40000 → 172.16.34.1:9000 ipip unanswered 20 pkts"])
        #expect(result.outcomes[4].summary == "1 of 1 flows were not ipip")
        #expect(result.outcomes[5].summary == "2 flows matched, at least 3 expected")
        #expect(result.outcomes[6].summary.hasPrefix("no flow matched"))
        #expect(result.outcomes[1].line == 3)
    }

    @Test("host-to-host flows are never judged as pod traffic")
    func hostFlows() throws {
        let result = try report("flows:\n  - { from: 192.168.10.101, to: 192.168.10.102, mode: direct }")
        #expect(!result.passed && result.outcomes[0].summary.hasPrefix("no flow matched"))
    }

    @Test("node selectors by address match the node hosting the pod")
    func nodeAddress() throws {
        let result = try report("flows:\n  - { from: node:192.168.10.101, to: node:192.168.20.100, mode: ipip, minFlows: 2 }")
        #expect(result.passed)
        let none = try report("flows:\n  - { from: node:192.168.10.101, to: node:192.168.10.102, mode: direct }")
        #expect(!none.passed && none.outcomes[0].summary.contains("--cluster"))
    }

    @Test("names without a resolver: a resolution error naming the line and --cluster")
    func namesNeedCluster() {
        for yaml in ["flows:\n  - { from: default/w1-p0, mode: ipip }", "flows:\n  - { from: node:w1, mode: ipip }"] {
            #expect {
                _ = try report(yaml)
            } throws: { error in
                let error = error as? SelectorResolutionError
                return error?.line == 2 && error?.description.contains("--cluster") == true
            }
        }
    }

    @Test("names through a NameResolver conformance: pods, nodes, and names in the evidence")
    func namesThroughResolver() throws {
        let result = try report("""
            flows:
              - { from: default/w1-p0, to: default/w0-p0, mode: ipip, answered: true }
              - { from: node:w1, to: node:w2, mode: direct }
              - { from: w1-p0, to: w2-p0, mode: ipip }
            """, resolver: TableResolver.lab)
        #expect(result.outcomes.map(\.passed) == [false, true, false])
        #expect(result.outcomes[0].evidence[0].hasSuffix("(default/w1-p0 → default/w0-p0)"))
        #expect(throws: SelectorResolutionError.self) {
            try report("flows:\n  - { from: default/nosuch, mode: ipip }", resolver: TableResolver.lab)
        }
    }

    @Test("require: pod flows, unanswered, forbidden modes and findings")
    func requirements() throws {
        let result = try report("""
            require:
              minPodFlows: 3
              unanswered: none
              forbidModes: [direct]
              findings: { forbid: [mtu-*, pool-mismatch] }
            """)
        #expect(result.outcomes.map(\.id) == ["require.minPodFlows", "require.unanswered", "require.forbidModes", "require.findings.forbid"])
        #expect(result.outcomes.map(\.passed) == [true, false, false, false])
        #expect(result.outcomes[1].summary == "1 of 3 pod-to-pod flows unanswered (at most 0 allowed)")
        #expect(result.outcomes[2].summary == "1 of 3 pod-to-pod flows in a forbidden mode (direct)")
        #expect(result.outcomes[3].evidence == ["mtu-fragmentation-needed"])
        let relaxed = try report("require:\n  minPodFlows: 4\n  unanswered: 1\n  findings: { forbid: [pool-*] }")
        #expect(relaxed.outcomes.map(\.passed) == [false, true, true])
    }

    @Test("evidence is capped with a count of the rest")
    func cappedEvidence() {
        let lines = (0..<30).map { "flow \($0)" }
        let capped = ExpectationOutcome.capped(lines)
        #expect(capped.count == ExpectationOutcome.evidenceLimit + 1 && capped.last == "… and 10 more")
    }
}
