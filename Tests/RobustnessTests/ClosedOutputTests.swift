import CalicapTestSupport
import Foundation
import Testing

/// `calicap -r file | head -1`: a reader that goes away ends the output quietly — no crash, no
/// message, status 0 (or 141, death by SIGPIPE, in a shell pipeline).
@Suite struct ClosedOutputTests {
    static let capture = Fixtures.path("lab/crosssubnet/w1-any.pcap")

    @Test(arguments: SafeOutputTests.formats)
    func stdoutClosedBeforeTheReport(format: String) throws {
        let outcome = try ProcessRunner.calicap(["-r", Self.capture, "--format", format], closeOutputEarly: true)
        #expect(!outcome.crashed, "\(outcome)")
        #expect(outcome.status == 0 || outcome.status == 141, "\(outcome)")
        #expect(outcome.standardError.isEmpty, "\(outcome)")
    }

    @Test func damagedFileWithClosedStdoutStillWarnsOnly() throws {
        let path = TemporaryDirectory.shared.write(HostileFileTests.goodPcap + [1, 2, 3], name: "closed-stdout-damaged.pcap")
        let outcome = try ProcessRunner.calicap(["-r", path], closeOutputEarly: true)
        #expect(!outcome.crashed, "\(outcome)")
        #expect(outcome.status == 4, "\(outcome)")
        #expect(outcome.errorLines.allSatisfy { $0.hasPrefix("calicap: warning: ") }, "\(outcome)")
    }

    @Test(arguments: SafeOutputTests.formats)
    func shellPipelineIntoHead(format: String) throws {
        let outcome = try ProcessRunner.run(
            "/bin/bash",
            ["-c", "set -o pipefail; \"$0\" -r \"$1\" --format \"$2\" | head -1 >/dev/null", CalicapExecutable.path, Self.capture, format],
            timeout: 20)
        let text = outcome.standardError
        #expect([0, 141].contains(outcome.status), "status \(outcome.status): \(text)")
        #expect(text.isEmpty, "\(text)")
    }
}
