import Testing
@testable import Report

@Suite struct TimestampTextTests {
    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00.000000Z"),
        (1_795_695_157_297_265_000, "2026-11-26T12:12:37.297265Z"),
        (1_795_695_157_297_265_123, "2026-11-26T12:12:37.297265123Z"),
        (951_782_400_000_000_000, "2000-02-29T00:00:00.000000Z"),
        (-1_000, "1969-12-31T23:59:59.999999Z"),
    ])
    func formatsUTCWithMicrosecondsOrNanoseconds(nanoseconds: Int64, expected: String) {
        #expect(TimestampText.iso8601(nanoseconds) == expected)
    }

    @Test func extremeValuesDoNotTrap() {
        #expect(!TimestampText.iso8601(.max).isEmpty)
        #expect(!TimestampText.iso8601(.min).isEmpty)
    }
}
