import Testing
@testable import Report

@Suite struct JSONValueTests {
    @Test func keepsMemberOrderAndFormsCompactText() {
        let value = JSONValue.object([("b", .int(1)), ("a", .array([.bool(true), .null, .string("x")]))])
        #expect(value.compactText == #"{"b":1,"a":[true,null,"x"]}"#)
    }

    @Test func prettyTextIndentsByTwoSpaces() {
        let value = JSONValue.object([("a", .array([.int(1)])), ("b", .object([]))])
        #expect(value.prettyText == "{\n  \"a\": [\n    1\n  ],\n  \"b\": {}\n}")
    }

    @Test(arguments: [
        ("plain", #""plain""#),
        ("quote\"back\\slash", #""quote\"back\\slash""#),
        ("line\nfeed\ttab\r", #""line\nfeed\ttab\r""#),
        ("\u{1b}[2Jescape", #""\u001b[2Jescape""#),
        ("nul\u{0}del\u{7f}", #""nul\u0000del\u007f""#),
        ("c1\u{85}control", #""c1\u0085control""#),
        ("separator\u{2028}\u{2029}", #""separator\u2028\u2029""#),
        ("é and 漢字 stay", #""é and 漢字 stay""#),
    ])
    func escapesEverythingThatCouldBreakALineOrATerminal(input: String, expected: String) {
        #expect(JSONValue.string(input).compactText == expected)
    }
}
