import CaptureFile
import Testing

@Suite struct TimestampTests {
    @Test func nanosecondsAreNormalised() {
        #expect(Timestamp(seconds: 1, nanoseconds: 2_500_000_000) == Timestamp(seconds: 3, nanoseconds: 500_000_000))
        #expect(Timestamp(seconds: Int64.max, nanoseconds: UInt32.max) == Timestamp(seconds: Int64.max, nanoseconds: 294_967_295))
        #expect(Timestamp(seconds: -1, nanoseconds: 1_000_000_000) == .zero)
    }

    @Test func ordering() {
        let times = [
            Timestamp(seconds: 2, nanoseconds: 0), Timestamp(seconds: -5, nanoseconds: 999_999_999),
            Timestamp(seconds: 1, nanoseconds: 999_999_999), Timestamp(seconds: 2, nanoseconds: 1),
        ]
        #expect(times.sorted() == [times[1], times[2], times[0], times[3]])
    }

    @Test func description() {
        #expect(Timestamp(seconds: 1_420_049_770, nanoseconds: 52_027_000).description == "1420049770.052027000")
        #expect(Timestamp.zero.description == "0.000000000")
    }
}
