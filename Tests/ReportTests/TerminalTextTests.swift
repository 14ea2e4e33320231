import Testing
@testable import Report

@Suite struct TerminalTextTests {
    @Test func controlCharactersBecomeHexEscapes() {
        #expect(TerminalText.safe("eth0\u{1b}[31m") == "eth0\\x1b[31m")
        #expect(TerminalText.safe("a\nb\u{7f}\u{9b}") == "a\\x0ab\\x7f\\x9b")
        #expect(TerminalText.safe("tunl0") == "tunl0")
    }
}

@Suite struct CSVReportTests {
    @Test(arguments: [
        ("plain", "plain"),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("=cmd()", "'=cmd()"),
        ("-1", "-1"),
        ("@x", "'@x"),
    ])
    func quotesAndDefusesFormulas(input: String, expected: String) {
        #expect(CSVReport.escape(input) == expected)
    }
}
