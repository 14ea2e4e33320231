import Testing
import Wire
@testable import Verification

@Suite("Selectors: pod, address, CIDR, node")
struct FlowSelectorTests {
    @Test("each form is recognised", arguments: [
        ("default/w1-p0", FlowSelector.pod(namespace: "default", name: "w1-p0")),
        ("w1-p0", .pod(namespace: nil, name: "w1-p0")),
        ("172.16.158.1", .address(IPAddress("172.16.158.1")!)),
        ("fd00:10:244::9e01", .address(IPAddress("fd00:10:244::9e01")!)),
        ("172.16.158.0/26", .network(IPNetwork("172.16.158.0/26")!)),
        ("fd00:10:244::9e00/122", .network(IPNetwork("fd00:10:244::9e00/122")!)),
        ("node:w1", .node("w1")),
        ("node:192.168.10.101", .nodeAddress(IPAddress("192.168.10.101")!)),
        (" node:w2 ", .node("w2")),
    ])
    func recognised(text: String, selector: FlowSelector) throws {
        #expect(try FlowSelector.parse(text).get() == selector)
    }

    @Test("anything else is refused with a reason", arguments: ["", "a/b/c", "Default/w1", "node:", "10.0.0.0/33", "10.0.0.300", "pod name", "-x", "my.ns/pod"])
    func refused(text: String) {
        guard case .failure(let error) = FlowSelector.parse(text) else {
            Issue.record("'\(text)' was accepted")
            return
        }
        #expect(!error.reason.isEmpty)
    }

    @Test("finding patterns")
    func findingPatterns() {
        #expect(FindingPattern.matches("mtu-*", "mtu-fragmentation-needed"))
        #expect(!FindingPattern.matches("mtu-*", "pool-mismatch"))
        #expect(FindingPattern.matches("pool-mismatch", "pool-mismatch"))
        #expect(!FindingPattern.matches("pool", "pool-mismatch"))
        #expect(FindingPattern.matches("*-mismatch", "pool-mismatch"))
        #expect(FindingPattern.matches("*", "anything"))
        #expect(FindingPattern.matches("a*b*c", "a-x-b-y-c"))
        #expect(!FindingPattern.matches("a*b*c", "a-x-c-b"))
        #expect(!FindingPattern.matches("ab*ab", "ab"))
        #expect(FindingPattern.isValid("mtu-*") && !FindingPattern.isValid("MTU") && !FindingPattern.isValid(""))
    }
}
