import CalicapTestSupport
import Foundation
import Testing

/// Bad input gives one clear line on stderr and a documented exit status; nothing crashes.
@Suite struct ErrorHandlingTests {
    static let temporary = URL(fileURLWithPath: TemporaryDirectory.shared.makeDirectory(name: "cli"))

    func errorLines(_ outcome: ProcessOutcome) -> [Substring] {
        outcome.standardError.split(separator: "\n")
    }

    @Test func missingFileIsOneLineAndStatusThree() throws {
        let outcome = try ProcessRunner.calicap(["-r", "/nonexistent/w1.pcap"])
        #expect(outcome.status == 3)
        #expect(errorLines(outcome).count == 1)
        #expect(outcome.standardError.hasPrefix("calicap: /nonexistent/w1.pcap"))
        #expect(outcome.standardOutput.isEmpty)
    }

    @Test func directoryIsRefused() throws {
        let outcome = try ProcessRunner.calicap(["-r", Self.temporary.path])
        #expect(outcome.status == 3)
        #expect(errorLines(outcome).count == 1)
    }

    @Test func nonCaptureFileIsRefused() throws {
        let file = Self.temporary.appendingPathComponent("notes.txt")
        try Data("this is not a capture file at all\n".utf8).write(to: file)
        let outcome = try ProcessRunner.calicap(["-r", file.path])
        #expect(outcome.status == 3)
        #expect(errorLines(outcome).count == 1)
        #expect(outcome.standardError.contains("not a pcap or pcapng file"))
    }

    @Test func emptyFileAndDevNullAreRefused() throws {
        let file = Self.temporary.appendingPathComponent("empty.pcap")
        try Data().write(to: file)
        for path in [file.path, "/dev/null"] {
            let outcome = try ProcessRunner.calicap(["-r", path])
            #expect(outcome.status == 3, "\(path)")
            #expect(errorLines(outcome).count == 1, "\(path)")
        }
    }

    @Test func fileCutMidRecordStillReportsWithAWarning() throws {
        let source = Fixtures.rootURL.appendingPathComponent("lab/ipip/w1-eth0.pcap")
        let data = try Data(contentsOf: source)
        let cut = Self.temporary.appendingPathComponent("cut.pcap")
        try data.prefix(data.count / 2 + 7).write(to: cut)
        let outcome = try ProcessRunner.calicap(["-r", cut.path, "--format", "json"])
        #expect(outcome.status == 4)
        let document = try JSONText.object(outcome.standardOutput)
        let summary = try #require(document["summary"] as? [String: Any])
        #expect((summary["packets"] as? Int ?? 0) > 100)
        #expect((summary["warnings"] as? [String])?.isEmpty == false)
        #expect(outcome.standardError.contains("warning"))
    }

    @Test func usageErrorsAreStatusTwo() throws {
        #expect(try ProcessRunner.calicap([]).status == 2)
        #expect(try ProcessRunner.calicap(["-r", "x.pcap", "--pod-cidr", "banana"]).status == 2)
        #expect(try ProcessRunner.calicap(["-r", "x.pcap", "--format", "xml"]).status == 2)
    }

    @Test func badFilterIsReportedWithTheExpression() throws {
        let file = Fixtures.path("lab/ipip/w1-eth0.pcap")
        let outcome = try ProcessRunner.calicap(["-r", file, "tcp", "port", "port"])
        #expect(outcome.status == 3)
        #expect(outcome.standardError.contains("tcp port port"))
        #expect(errorLines(outcome).count == 1)
    }

    @Test func trailingFilterLikeTcpdump() throws {
        let file = Fixtures.path("lab/ipip/w1-eth0.pcap")
        let outcome = try ProcessRunner.calicap(["-r", file, "--format", "jsonl", "host", "192.168.20.100"])
        #expect(outcome.status == 0)
        let lines = outcome.standardOutput.split(separator: "\n")
        #expect(lines.count == 24)
    }

    @Test func helpAndVersionExitZero() throws {
        let help = try ProcessRunner.calicap(["analyze", "--help"])
        #expect(help.status == 0)
        #expect(help.standardOutput.contains("--format"))
        #expect(try ProcessRunner.calicap(["--version"]).status == 0)
    }
}
