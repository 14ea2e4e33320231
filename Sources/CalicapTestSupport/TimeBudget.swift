import Foundation

/// Time limits of the tests that bound how long calicap may take, scaled for instrumented builds.
///
/// A sanitizer build runs several times slower than a plain one (ThreadSanitizer about ten times
/// on the hot path), so a bound that proves "no quadratic walk, no hang" on a plain build would
/// fail there for no fault of the code. `.ci/run` sets `CALICAP_TEST_TIME_SCALE` for its
/// sanitizer runs; plain runs leave it unset, and their bounds are the stated ones.
public enum TimeBudget {
    /// The factor every time bound is multiplied by (1 unless the environment says more).
    public static let scale: Double = {
        guard let text = ProcessInfo.processInfo.environment["CALICAP_TEST_TIME_SCALE"],
              let value = Double(text), value >= 1 else { return 1 }
        return value
    }()

    /// `seconds`, scaled for this build.
    public static func seconds(_ seconds: Double) -> Double { seconds * scale }
}
