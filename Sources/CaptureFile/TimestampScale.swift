/// Converts a pcapng interface's 64-bit timestamp ticks to a `Timestamp` (`if_tsresol`, `if_tsoffset`).
///
/// Every resolution the format can express is handled without overflow: 10^-0 … 10^-127 and
/// 2^-0 … 2^-127 seconds per tick. Resolutions finer than a nanosecond are truncated to nanoseconds,
/// seconds beyond `Int64` saturate, and the offset is added with saturation.
struct TimestampScale: Sendable, Hashable {
    /// The `if_tsresol` byte: high bit clear → 10^-n seconds per tick, set → 2^-n.
    var resolution: UInt8
    /// `if_tsoffset`, in seconds.
    var offsetSeconds: Int64

    static let microseconds = TimestampScale(resolution: 6, offsetSeconds: 0)

    /// 10^0 … 10^19, every power of ten that fits in `UInt64`.
    private static let powersOfTen: [UInt64] = {
        var powers: [UInt64] = [1]
        for _ in 1...19 { powers.append(powers[powers.count - 1] &* 10) }
        return powers
    }()

    /// 10^exponent, or nil when it does not fit in `UInt64` (exponent ≥ 20).
    private static func powerOfTen(_ exponent: Int) -> UInt64? {
        exponent >= 0 && exponent < powersOfTen.count ? powersOfTen[exponent] : nil
    }

    func timestamp(ticks: UInt64) -> Timestamp {
        let exponent = Int(resolution & 0x7f)
        var seconds: UInt64 = 0
        var nanoseconds: UInt64 = 0
        if resolution & 0x80 == 0 {
            if let perSecond = Self.powerOfTen(exponent) {
                seconds = ticks / perSecond
                let fraction = ticks % perSecond
                if exponent <= 9 {
                    // fraction < 10^exponent, so the product stays below 10^9.
                    nanoseconds = fraction &* (Self.powerOfTen(9 - exponent) ?? 0)
                } else {
                    nanoseconds = fraction / (Self.powerOfTen(exponent - 9) ?? UInt64.max)
                }
            } else {
                // More ticks per second than UInt64 can count: every value is below one second.
                nanoseconds = Self.powerOfTen(exponent - 9).map { ticks / $0 } ?? 0
            }
        } else if exponent == 0 {
            seconds = ticks
        } else if exponent < 64 {
            seconds = ticks >> UInt64(exponent)
            let fraction = ticks & ((1 << UInt64(exponent)) - 1)
            nanoseconds = Self.scaledFraction(fraction, exponent: exponent)
        } else {
            nanoseconds = Self.scaledFraction(ticks, exponent: exponent)
        }
        let base = Int64(clamping: seconds)
        let (sum, overflow) = base.addingReportingOverflow(offsetSeconds)
        let total = overflow ? (offsetSeconds < 0 ? Int64.min : Int64.max) : sum
        return Timestamp(seconds: total, nanoseconds: UInt32(truncatingIfNeeded: nanoseconds))
    }

    /// fraction × 10^9 / 2^exponent in 128-bit arithmetic, for 1 ≤ exponent ≤ 127 and fraction < 2^exponent.
    private static func scaledFraction(_ fraction: UInt64, exponent: Int) -> UInt64 {
        let product = fraction.multipliedFullWidth(by: 1_000_000_000)
        if exponent < 64 {
            return (product.high << UInt64(64 - exponent)) | (product.low >> UInt64(exponent))
        }
        return product.high >> UInt64(exponent - 64)
    }
}
