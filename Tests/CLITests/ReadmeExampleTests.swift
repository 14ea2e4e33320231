import CalicapTestSupport
import Foundation
import Testing

/// The README's examples are the tool's real output: each example (a ```sh block after a
/// `<!-- example: dir=FOLDER … -->` marker, followed by its output block) is run on the
/// shipped fixtures and its output compared with the block. In a block, a line holding only
/// `…` stands for any number of lines, and a line ending in `…` for any line that begins with
/// the text before it (`Scripts/refresh-readme-examples.py` writes the blocks that way).
@Suite struct ReadmeExampleTests {
    struct Example: CustomTestStringConvertible, Sendable {
        var line: Int
        var folder: String
        var command: String
        var shown: [String]
        var testDescription: String { "README.md:\(line): \(command)" }
    }

    static let examples: [Example] = {
        let url = Fixtures.repository.appendingPathComponent("README.md")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return parse(text)
    }()

    /// The marked examples of a README text.
    static func parse(_ text: String) -> [Example] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var examples: [Example] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            index += 1
            guard line.hasPrefix("<!-- example: "), line.hasSuffix(" -->"),
                let folder = shellWords(String(line.dropFirst(14).dropLast(4)))
                    .first(where: { $0.hasPrefix("dir=") }).map({ String($0.dropFirst(4)) }),
                index < lines.count, lines[index].hasPrefix("```sh"),
                let commandEnd = lines[(index + 1)...].firstIndex(of: "```")
            else { continue }
            var joined: [String] = []
            var current = ""
            for commandLine in lines[(index + 1)..<commandEnd] {
                if commandLine.hasSuffix("\\") {
                    current += commandLine.dropLast() + " "
                } else {
                    joined.append((current + commandLine).trimmingCharacters(in: .whitespaces))
                    current = ""
                }
            }
            var outputStart = commandEnd + 1
            while outputStart < lines.count && lines[outputStart].isEmpty { outputStart += 1 }
            guard let command = joined.last(where: { $0.hasPrefix("calicap ") || $0.hasPrefix(".build/release/calicap ") }),
                outputStart < lines.count, lines[outputStart] == "```",
                let outputEnd = lines[(outputStart + 1)...].firstIndex(of: "```")
            else { continue }
            examples.append(
                Example(line: index, folder: folder, command: command, shown: Array(lines[(outputStart + 1)..<outputEnd])))
            index = outputEnd + 1
        }
        return examples
    }

    /// Words as a POSIX shell splits them, with single and double quotes (no expansions).
    static func shellWords(_ text: String) -> [String] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var quote: Character?
        for character in text {
            if let open = quote {
                if character == open { quote = nil } else { word.append(character) }
            } else if character == "'" || character == "\"" {
                quote = character
                inWord = true
            } else if character == " " || character == "\t" {
                if inWord { words.append(word) }
                word = ""
                inWord = false
            } else {
                word.append(character)
                inWord = true
            }
        }
        if inWord { words.append(word) }
        return words
    }

    /// Whether `output` is what `shown` shows, with the README's elisions.
    static func matches(_ shown: [String], _ output: [String]) -> Bool {
        var failed = Set<[Int]>()
        func match(_ pattern: Int, _ line: Int) -> Bool {
            if pattern == shown.count { return line == output.count }
            if failed.contains([pattern, line]) { return false }
            let expected = shown[pattern]
            var result = false
            if expected.trimmingCharacters(in: .whitespaces) == "…" {
                result = (line...output.count).contains { match(pattern + 1, $0) }
            } else if line < output.count {
                let fits = expected.hasSuffix("…")
                    ? output[line].hasPrefix(expected.dropLast()) : output[line] == expected
                result = fits && match(pattern + 1, line + 1)
            }
            if !result { failed.insert([pattern, line]) }
            return result
        }
        return match(0, 0)
    }

    @Test func theReadmeHasExamples() {
        // The first example, the cluster files, the findings and the tunnel filters at least.
        #expect(Self.examples.count >= 4)
        #expect(Self.examples.allSatisfy { !$0.shown.isEmpty })
    }

    @Test func elisionsAreDefinedAndStrict() {
        let output = ["Captures", "  a 1", "Flows", "  tcp x", "  udp y", "Summary", "  pool: Never"]
        #expect(Self.matches(["…", "Flows", "  tcp x", "  …", "Summary", "  pool: …"], output))
        #expect(Self.matches(["…", "  pool: Never"], output))
        #expect(Self.matches(["…"], output))
        // A changed line, a missing one, or an order that differs does not match.
        #expect(!Self.matches(["…", "Flows", "  tcp z", "…"], output))
        #expect(!Self.matches(["Flows", "…"], output))
        #expect(!Self.matches(["…", "Summary", "Flows", "…"], output))
        #expect(!Self.matches(["…", "  pool: Always …"], output))
    }

    @Test(arguments: examples)
    func exampleOutputIsTheToolsOutput(_ example: Example) throws {
        let words = Self.shellWords(example.command)
        let outcome = try ProcessRunner.calicap(
            Array(words.dropFirst()), directory: Fixtures.repository.appendingPathComponent(example.folder), timeout: 60)
        var text = outcome.standardOutput + outcome.standardError
        while text.hasSuffix("\n") { text.removeLast() }
        let output = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(
            Self.matches(example.shown, output),
            "README.md:\(example.line): the shown output is not the tool's (Scripts/refresh-readme-examples.py refreshes it):\n\(text)")
    }
}
