import Testing
@testable import Verification

/// Expectations files that try to break the loader: each is refused with a line, never a crash.
@Suite("Hostile expectations files")
struct HostileExpectationsTests {
    @Test("refused, one line, no crash", arguments: [
        "flows: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000),
        "pool: " + String(repeating: "{a: ", count: 20_000) + "1" + String(repeating: "}", count: 20_000),
        "flows: &a\n  - *a\n",
        "a: &x [1]\nb: *x\n",
        "flows:\n  - { from: 10.0.0.0/8, mode: ipip, minFlows: 99999999999999999999999 }",
        "flows:\n  - { from: \"\u{1b}[31m\\n\", mode: ipip }",
        "require:\n  unanswered: -1",
        "require:\n  forbidModes: direct",
        "flows:\n  - [from, to]",
        "flows:\n  - { ? [a, b] : c }",
        "pool: !!binary aGVsbG8=",
        "\u{feff}pool: { ipipMode: }",
        "%YAML 9.9\n---\npool: {}",
    ])
    func refused(text: String) {
        do {
            _ = try ExpectationsLoader.parse(text, file: "hostile.yaml")
            Issue.record("accepted: \(text.prefix(60))")
        } catch {
            #expect(error.line != nil || error.reason.contains("YAML"))
            #expect(!error.description.contains("\n"))
        }
    }
}
