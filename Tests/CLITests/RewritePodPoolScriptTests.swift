import CalicapTestSupport
import Foundation
import Testing

/// `Scripts/rewrite-pod-pool.py`, which makes `Fixtures/lab-pools/`: its own checks of every
/// kind of packet it rewrites, a round trip that gives back the lab's bytes exactly, and the
/// committed copies are what the script makes today.
@Suite struct RewritePodPoolScriptTests {
    static let script = Fixtures.repository.appendingPathComponent("Scripts/rewrite-pod-pool.py").path

    static func rewrite(_ from: String, _ to: String, _ source: String, _ destination: String) throws -> ProcessOutcome {
        try ProcessRunner.run("python3", [script, "--from", from, "--to", to, source, destination])
    }

    /// ARP, TCP, IP in IP, VXLAN with an outer UDP checksum, an ICMP error quoting a packet,
    /// an echo: every address moved, every checksum right when recomputed in full.
    @Test func selfTestPasses() throws {
        let outcome = try ProcessRunner.run("python3", [Self.script, "--self-test"])
        #expect(outcome.status == 0, "\(outcome.standardOutput)")
        #expect(outcome.standardOutput.hasPrefix("self-test: ok"))
    }

    /// Moving a capture to 10.244.0.0/16 and back gives back every byte: nothing but pod
    /// addresses and the checksums covering them changed, and those exactly.
    @Test(arguments: ["crosssubnet/w1-any.pcap", "vxlan/w2-eth0.pcap", "ipip/w0-tunl0.pcap", "direct/router-vpc10.pcap"])
    func roundTripGivesTheSameBytes(_ file: String) throws {
        let directory = TemporaryDirectory()
        let moved = "\(directory.path)/moved.pcap"
        let back = "\(directory.path)/back.pcap"
        let original = Fixtures.path("lab/\(file)")
        #expect(try Self.rewrite("172.16.0.0/16", "10.244.0.0/16", original, moved).status == 0)
        #expect(try Self.rewrite("10.244.0.0/16", "172.16.0.0/16", moved, back).status == 0)
        let originalBytes = try Data(contentsOf: URL(fileURLWithPath: original))
        let movedBytes = try Data(contentsOf: URL(fileURLWithPath: moved))
        #expect(movedBytes != originalBytes)
        #expect(movedBytes.count == originalBytes.count)
        #expect(try Data(contentsOf: URL(fileURLWithPath: back)) == originalBytes)
    }

    /// The committed copies are the script's output from the committed lab captures.
    @Test func committedCopiesAreCurrent() throws {
        let directory = TemporaryDirectory()
        for file in ["10.244.0.0-16/crosssubnet/w0-eth0.pcap", "100.64.0.0-16/direct/w1-eth0.pcap"] {
            let pool = file.hasPrefix("10.244") ? "10.244.0.0/16" : "100.64.0.0/16"
            let scenarioAndName = file.split(separator: "/").dropFirst().joined(separator: "/")
            let made = "\(directory.path)/made.pcap"
            #expect(try Self.rewrite("172.16.0.0/16", pool, Fixtures.path("lab/\(scenarioAndName)"), made).status == 0)
            #expect(
                try Data(contentsOf: URL(fileURLWithPath: made))
                    == Data(contentsOf: URL(fileURLWithPath: Fixtures.path("lab-pools/\(file)"))), "\(file)")
        }
    }
}
