/// A packet time as seconds and nanoseconds since the Unix epoch.
///
/// `nanoseconds` is always in `0..<1_000_000_000`: the initialiser carries any excess into
/// `seconds` (saturating), so two equal instants always compare equal.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var seconds: Int64
    /// The fraction of the second, `0..<1_000_000_000`.
    public var nanoseconds: UInt32

    public static let nanosecondsPerSecond: UInt32 = 1_000_000_000
    public static let zero = Timestamp(seconds: 0, nanoseconds: 0)

    public init(seconds: Int64, nanoseconds: UInt32) {
        let carry = Int64(nanoseconds / Self.nanosecondsPerSecond)
        let (sum, overflow) = seconds.addingReportingOverflow(carry)
        self.seconds = overflow ? Int64.max : sum
        self.nanoseconds = nanoseconds % Self.nanosecondsPerSecond
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        (lhs.seconds, lhs.nanoseconds) < (rhs.seconds, rhs.nanoseconds)
    }

    /// `seconds.nnnnnnnnn`, for example `1420049770.052027000`.
    public var description: String {
        let fraction = String(nanoseconds)
        let padding = String(repeating: "0", count: max(0, 9 - fraction.count))
        return "\(seconds).\(padding)\(fraction)"
    }
}
