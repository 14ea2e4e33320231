import Foundation
import Testing

/// `calicap -r file | head -1`: a reader that goes away ends the output quietly — no crash, no
/// message, status 0 (or 141, death by SIGPIPE, in a shell pipeline).
@Suite struct ClosedOutputTests {
    static let capture = Calicap.fixtures.appendingPathComponent("lab/crosssubnet/w1-any.pcap").path

    @Test(arguments: SafeOutputTests.formats)
    func stdoutClosedBeforeTheReport(format: String) throws {
        let outcome = try Calicap.run(["-r", Self.capture, "--format", format], closeOutputEarly: true)
        #expect(!outcome.crashed, "\(outcome)")
        #expect(outcome.status == 0 || outcome.status == 141, "\(outcome)")
        #expect(outcome.standardError.isEmpty, "\(outcome)")
    }

    @Test func damagedFileWithClosedStdoutStillWarnsOnly() throws {
        let path = try Scratch.write(HostileFileTests.goodPcap + [1, 2, 3], name: "closed-stdout-damaged.pcap")
        let outcome = try Calicap.run(["-r", path], closeOutputEarly: true)
        #expect(!outcome.crashed, "\(outcome)")
        #expect(outcome.status == 4, "\(outcome)")
        #expect(outcome.errorLines.allSatisfy { $0.hasPrefix("calicap: warning: ") }, "\(outcome)")
    }

    @Test(arguments: SafeOutputTests.formats)
    func shellPipelineIntoHead(format: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "set -o pipefail; \"$0\" -r \"$1\" --format \"$2\" | head -1 >/dev/null", Calicap.executable, Self.capture, format]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect([0, 141].contains(process.terminationStatus), "status \(process.terminationStatus): \(text)")
        #expect(text.isEmpty, "\(text)")
    }
}
