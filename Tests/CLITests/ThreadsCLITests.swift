import CalicapTestSupport
import Foundation
import Testing

/// `--threads N` reports exactly what one thread reports, byte for byte (JSON with every field,
/// standard error, exit status): every capture of every lab scenario alone, and each scenario's
/// captures read together (the multi-file merge by time, duplicates across capture points).
@Suite struct ThreadsCLITests {
    static func run(_ arguments: [String], threads: Int) throws -> String {
        let outcome = try ProcessRunner.calicap(
            arguments + ["--format", "json", "--threads", String(threads)], directory: Fixtures.repository, timeout: 60)
        return outcome.standardOutput + "--- stderr\n" + outcome.standardError + "exit \(outcome.status)\n"
    }

    @Test(arguments: Fixtures.labFolders)
    func shardedRunsMatchOneThread(_ folder: String) throws {
        let files = Fixtures.labCaptures(folder).map { Fixtures.lab(folder, $0) }
        #expect(files.count >= 2)
        for arguments in files.map({ [$0] }) + [files] {
            let single = try Self.run(arguments, threads: 1)
            #expect(single.contains("\"flows\": [\n"), "no flows in \(arguments)")
            for threads in [2, 3] {
                let sharded = try Self.run(arguments, threads: threads)
                #expect(sharded == single, "--threads \(threads) differs from one thread on \(arguments)")
            }
        }
    }

    @Test func threadsOutOfRangeIsAUsageError() throws {
        let outcome = try ProcessRunner.calicap(
            ["-r", Fixtures.lab("ipip", "w1-eth0.pcap"), "--threads", "0"], directory: Fixtures.repository)
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains("--threads"))
    }
}
