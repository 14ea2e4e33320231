import CalicapTestSupport
import Foundation
import Testing

/// tcpdump habits with `-r`: `-c`, `-v`, and the usage mistakes refused in one line.
@Suite struct OfflineHabitsCLITests {
    static let file = Fixtures.lab("direct", "w1-eth0.pcap")

    static func summary(_ outcome: ProcessOutcome) throws -> [String: Any] {
        let document = try JSONText.object(outcome.standardOutput)
        return try #require(document["summary"] as? [String: Any])
    }

    @Test func countReadsTheFirstPackets() throws {
        let all = try Self.summary(try ProcessRunner.calicap(["-r", Self.file, "--format", "json"]))
        #expect((all["packets"] as? Int ?? 0) > 20)
        let outcome = try ProcessRunner.calicap(["-r", Self.file, "-c", "20", "--format", "json"])
        #expect(outcome.status == 0)
        #expect(try Self.summary(outcome)["packets"] as? Int == 20)
    }

    @Test func countBelowOneIsAUsageError() throws {
        let outcome = try ProcessRunner.calicap(["-r", Self.file, "-c", "0"])
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains("-c must be at least 1"))
    }

    @Test func verbosePrintsOneLinePerPacketThenTheReport() throws {
        let outcome = try ProcessRunner.calicap(["-r", Self.file, "-v", "-c", "30", "-n"])
        #expect(outcome.status == 0)
        let lines = outcome.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
        let reportStart = try #require(lines.firstIndex(of: "Captures"))
        #expect(reportStart == 30)
        #expect(lines[..<reportStart].allSatisfy { $0.first?.isNumber == true })
        // The file does not name its device: no role to name the carrier after.
        #expect(lines[..<reportStart].contains { $0.contains(" plain | 172.16.158.1.10002 > 172.16.184.1.8080 TCP [S], length 60") })
    }

    @Test func verboseNamesTheCarrierAfterCapturedOn() throws {
        let outcome = try ProcessRunner.calicap(["-r", Self.file, "-v", "-c", "30", "-n", "--captured-on", "eth0"])
        #expect(outcome.standardOutput.contains(" direct | 172.16.158.1.10002 > 172.16.184.1.8080 TCP [S], length 60\n"))
    }

    @Test func withoutVerboseNoPacketLines() throws {
        let outcome = try ProcessRunner.calicap(["-r", Self.file, "-c", "30", "-n"])
        #expect(outcome.standardOutput.hasPrefix("Captures\n"))
    }

    @Test func readAndInterfaceCannotBeCombined() throws {
        for arguments in [["-r", Self.file, "-i", "eth0"], ["-i", "eth0", "-r", Self.file], ["-r", Self.file, "-ieth0"]] {
            let outcome = try ProcessRunner.calicap(arguments)
            #expect(outcome.status == 2, "\(arguments)")
            #expect(outcome.errorLines == ["calicap: -r (read files) and -i (capture live) cannot be combined"], "\(arguments)")
        }
    }

    @Test func unknownOptionIsNamed() throws {
        for arguments in [["--bogus"], ["-r", Self.file, "--bogus"]] {
            let outcome = try ProcessRunner.calicap(arguments)
            #expect(outcome.status == 2)
            #expect(outcome.errorLines.first == "calicap: Unknown option '--bogus'", "\(arguments)")
            #expect(!outcome.standardError.contains("no capture given"))
        }
        #expect(try ProcessRunner.calicap([]).standardError.contains("no capture given"))
    }

    @Test func helpOfAnUnknownCommandIsAUsageError() throws {
        let outcome = try ProcessRunner.calicap(["help", "nothing"])
        #expect(outcome.status == 2)
        #expect(outcome.errorLines.count == 1)
        #expect(outcome.standardError.contains("no command 'nothing'"))
        #expect(try ProcessRunner.calicap(["help", "analyze"]).status == 0)
    }

    @Test func repeatedFormatIsAUsageError() throws {
        for arguments in [["--format", "json", "--format", "csv"], ["--format=json", "--format", "json"]] {
            let outcome = try ProcessRunner.calicap(["-r", Self.file] + arguments)
            #expect(outcome.status == 2, "\(arguments)")
            #expect(outcome.errorLines == ["calicap: --format given more than once"], "\(arguments)")
            #expect(outcome.standardOutput.isEmpty)
        }
    }

    @Test func sameFileTwiceIsReadOnceWithAWarning() throws {
        let once = try Self.summary(try ProcessRunner.calicap(["-r", Self.file, "--format", "json"]))
        let relative = Self.file.replacingOccurrences(of: "/lab/", with: "/lab/../lab/")
        let outcome = try ProcessRunner.calicap(["-r", Self.file, "-r", relative, "--format", "json"])
        #expect(outcome.status == 0)
        #expect(outcome.errorLines.count == 1)
        #expect(outcome.standardError.contains("given more than once, read once"))
        let twice = try Self.summary(outcome)
        #expect(twice["packets"] as? Int == once["packets"] as? Int)
        let document = try JSONText.object(outcome.standardOutput)
        #expect((document["captures"] as? [Any])?.count == 1)
    }
}
