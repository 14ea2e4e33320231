#if canImport(Glibc)
import Glibc
#endif

/// Time without Foundation: monotonic for durations, real time for packet-time comparisons.
public enum Clock {
    public static func monotonic() -> Int64 { read(CLOCK_MONOTONIC) }

    /// Nanoseconds since the epoch.
    public static func realtime() -> Int64 { read(CLOCK_REALTIME) }

    /// The local time zone's offset from UTC now, in seconds (for packet-line clocks and -G names).
    public static func utcOffsetSeconds() -> Int {
        var now = time(nil)
        var local = tm()
        guard localtime_r(&now, &local) != nil else { return 0 }
        return Int(local.tm_gmtoff)
    }

    private static func read(_ clock: clockid_t) -> Int64 {
        var value = timespec()
        clock_gettime(clock, &value)
        return Int64(value.tv_sec) &* 1_000_000_000 &+ Int64(value.tv_nsec)
    }
}
