import Testing
import Wire
@testable import Verification

@Suite("Expectations file: loading and line-numbered errors")
struct ExpectationsLoaderTests {
    static let example = """
        pool: { ipipMode: CrossSubnet, vxlanMode: Never }
        flows:
          - { from: default/w1-p0, to: default/w0-p0, mode: ipip, answered: true }
          - { from: 172.16.158.0/26, to: 172.16.184.0/26, mode: direct }
          - { from: node:w1, to: node:w2, mode: direct, minFlows: 3 }
        require:
          minPodFlows: 10
          unanswered: none          # or a number
          forbidModes: [direct]     # e.g. encryption required
          findings: { forbid: [mtu-*, pool-mismatch] }
        """

    @Test("the issue's example loads with every field and line")
    func example() throws {
        let expectations = try ExpectationsLoader.parse(Self.example, file: "e.yaml")
        #expect(expectations.pool == PoolExpectation(ipipMode: .crossSubnet, vxlanMode: .never, ipipLine: 1, vxlanLine: 1))
        #expect(expectations.flows.count == 3)
        #expect(expectations.flows[0].from == .pod(namespace: "default", name: "w1-p0"))
        #expect(expectations.flows[0].answered == true)
        #expect(expectations.flows[0].line == 3)
        #expect(expectations.flows[1].from == .network(IPNetwork("172.16.158.0/26")!))
        #expect(expectations.flows[1].answered == nil)
        #expect(expectations.flows[2].from == .node("w1"))
        #expect(expectations.flows[2].minimumFlows == 3)
        #expect(expectations.requirements.minimumPodFlows == 10)
        #expect(expectations.requirements.minimumPodFlowsLine == 7)
        #expect(expectations.requirements.maximumUnanswered == 0)
        #expect(expectations.requirements.forbiddenModes == ["direct"])
        #expect(expectations.requirements.forbiddenFindings == ["mtu-*", "pool-mismatch"])
    }

    @Test("invalid files: the file, the line and the reason on one line", arguments: [
        ("pool: { ipipMode: Sometimes }", 1, "'ipipMode' must be one of Always, CrossSubnet, Never"),
        ("flows:\n  - { from: 10.0.0.0/8, mode: tunnel }", 2, "'mode' must be one of"),
        ("flows:\n  - { from: 10.0.0.0/8, mode: ipip, minFlows: 0 }", 2, "'minFlows' must be a whole number of at least 1"),
        ("flows:\n  - { from: 10.0.0.0/8, mode: ipip, answered: yes }", 2, "'answered' must be true or false"),
        ("flows:\n  - { from: 10.0.0.0/8 }", 2, "needs mode, answered or minFlows"),
        ("flows:\n  - { from: 'not a selector!', mode: ipip }", 2, "not a selector"),
        ("flows:\n  - { from: 'node:Bad_Name', mode: ipip }", 2, "neither a node name nor an address"),
        ("require:\n  minPodFlows: 10\n  minflows: 3", 3, "unknown key 'minflows' in 'require'"),
        ("require:\n  unanswered: some", 2, "unanswered (none or a number)"),
        ("require:\n  forbidModes: [direct, clear]", 2, "'clear' is not a mode"),
        ("require:\n  findings: { forbid: [MTU_low] }", 2, "is not a finding id"),
        ("require:\n  findings: { allow: [mtu-*] }", 2, "unknown key 'allow'"),
        ("pool: { ipipMode: CrossSubnet\nflows: []", 2, "not valid YAML"),
        ("- just\n- a list", 1, "'the file' must be a mapping"),
        ("pool: {}\n", 1, "no expectation"),
        ("", 1, "the file is empty"),
        ("flows: {a: 1}", 1, "'flows' must be a list"),
        ("flows:\n  - { from: 10.0.0.0/8, mode: ipip, port: 70000 }", 2, "'port' must be at most 65535"),
        ("pool:\n  ipipMode: Always\n  ipipMode: Never", 2, "duplicate keys ipipMode"),
    ])
    func invalid(text: String, line: Int, reason: String) {
        #expect {
            _ = try ExpectationsLoader.parse(text, file: "bad.yaml")
        } throws: { error in
            guard let error = error as? ExpectationsError else { return false }
            return error.line == line && error.reason.contains(reason) && error.description.hasPrefix("bad.yaml:\(line): ")
                && !error.description.contains("\n")
        }
    }

    @Test("a missing file is an error on the file as a whole")
    func missingFile() {
        #expect(throws: ExpectationsError(file: "/nonexistent/e.yaml", line: nil, reason: "no such file")) {
            try ExpectationsLoader.load(path: "/nonexistent/e.yaml")
        }
    }

    @Test("short forms add to the file or stand alone")
    func shortForms() throws {
        let short = ShortFormExpectations(mode: "vxlan", pool: "vxlanMode=CrossSubnet, ipipMode=Never", minimumPodFlows: 5, noUnanswered: true)
        let result = try short.applied(to: Expectations())
        #expect(result.pool == PoolExpectation(ipipMode: .never, vxlanMode: .crossSubnet))
        #expect(result.flows == [FlowExpectation(mode: "vxlan", includesLocal: false)])
        #expect(result.requirements.minimumPodFlows == 5)
        #expect(result.requirements.maximumUnanswered == 0)
        #expect(!result.isEmpty)
        #expect(throws: ExpectationsError.self) { try ShortFormExpectations(pool: "ipip=Always").applied(to: Expectations()) }
        #expect(throws: ExpectationsError.self) { try ShortFormExpectations(mode: "tunnel").applied(to: Expectations()) }
        #expect(throws: ExpectationsError.self) { try ShortFormExpectations(minimumPodFlows: 0).applied(to: Expectations()) }
    }
}
