import ArgumentParser
import Foundation
import Verification

/// Where `calicap verify` writes its verdict: stdout in the chosen format, and the JUnit and
/// Markdown files.
struct VerifyOutput {
    /// At least one expectation failed.
    static let failedStatus: Int32 = 1

    var format: VerifyFormat
    var junitPath: String?
    var markdownPath: String?

    func write(_ report: VerificationReport) throws {
        let text: String
        switch format {
        case .text: text = TextVerdictRenderer.render(report)
        case .json: text = JSONVerdictRenderer.render(report)
        case .github: text = GitHubAnnotationRenderer.render(report) + TextVerdictRenderer.render(report)
        }
        StandardStreams.write(text)
        if let junitPath {
            try writeFile(JUnitRenderer.render(report), to: junitPath, appending: false)
        }
        var markdownTarget = markdownPath
        if markdownTarget == nil, format == .github,
            let summary = ProcessInfo.processInfo.environment["GITHUB_STEP_SUMMARY"], !summary.isEmpty {
            markdownTarget = summary
        }
        if let markdownTarget {
            try writeFile(MarkdownSummaryRenderer.render(report), to: markdownTarget, appending: true)
        }
    }

    /// A report file that cannot be written is a usage error (exit 2): the path was given wrong.
    func writeFile(_ text: String, to path: String, appending: Bool) throws {
        let data = Data(text.utf8)
        do {
            if appending, let handle = FileHandle(forWritingAtPath: path) {
                defer { try? handle.close() }
                try handle.seekToEnd()
                try handle.write(contentsOf: data)
            } else {
                try data.write(to: URL(fileURLWithPath: path))
            }
        } catch {
            StandardStreams.error("cannot write \(path): \(error.localizedDescription)")
            throw ExitCode(ExitStatus.usage.rawValue)
        }
    }
}
