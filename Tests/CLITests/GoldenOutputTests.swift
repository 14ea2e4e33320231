import CalicapTestSupport
import Foundation
import Testing

/// Every output the tool printed for the committed fixtures before a change that must not alter
/// any (recorded by `Scripts/make-golden.py`; see its header): JSON of every capture file, and
/// JSON, table, CSV and JSONL of the lab scenarios read together, byte for byte, with standard
/// error and the exit status.
@Suite struct GoldenOutputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var arguments: [String]
        var testDescription: String { name }
    }

    static let folder = Fixtures.rootURL.appendingPathComponent("golden")

    static let cases: [Case] = {
        let listing = (try? String(contentsOf: folder.appendingPathComponent("cases.tsv"), encoding: .utf8)) ?? ""
        return listing.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "\t", maxSplits: 1)
            guard fields.count == 2 else { return nil }
            return Case(name: String(fields[0]), arguments: fields[1].split(separator: " ").map(String.init))
        }
    }()

    @Test func everyFixtureHasARecordedOutput() throws {
        #expect(Self.cases.count > 200)
        let recorded = Set(Self.cases.flatMap(\.arguments).filter { $0.hasPrefix("Fixtures/") })
        // Fixtures/lab-pools/ holds the lab moved to other pools: PodPoolRewriteTests checks it
        // against the originals' outputs instead.
        for path in Fixtures.captureFiles() where !path.hasPrefix("golden") && !path.hasPrefix("lab-pools") {
            #expect(recorded.contains("Fixtures/" + path), "no golden output covers \(path)")
        }
    }

    @Test(arguments: cases)
    func outputIsUnchanged(_ golden: Case) throws {
        let expected = try String(contentsOf: Self.folder.appendingPathComponent(golden.name + ".out"), encoding: .utf8)
        let outcome = try ProcessRunner.calicap(golden.arguments, directory: Fixtures.repository, timeout: 60)
        let actual = outcome.standardOutput + "--- stderr\n" + outcome.standardError + "exit \(outcome.status)\n"
        guard actual != expected else { return }
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let first = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(expectedLines.count, actualLines.count)
        let was = first < expectedLines.count ? String(expectedLines[first]) : "(end)"
        let now = first < actualLines.count ? String(actualLines[first]) : "(end)"
        Issue.record("\(golden.name) differs at line \(first + 1):\n  was: \(was)\n  now: \(now)")
    }
}
