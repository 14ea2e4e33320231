/// ISO 8601 UTC text for nanoseconds since the epoch, without Foundation:
/// `2026-11-26T12:00:57.297265Z` (microseconds, or nanoseconds when the capture has them).
public enum TimestampText {
    public static func iso8601(_ nanoseconds: Int64) -> String {
        var seconds = nanoseconds / 1_000_000_000
        var fraction = nanoseconds % 1_000_000_000
        if fraction < 0 {
            fraction += 1_000_000_000
            seconds -= 1
        }
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        let hour = secondOfDay / 3600
        let minute = secondOfDay / 60 % 60
        let second = secondOfDay % 60
        // Built as bytes: string interpolation of seven padded parts cost more than the rest
        // of a flow's JSON.
        var text: [UInt8] = []
        text.reserveCapacity(32)
        appendPadded(year, 4, to: &text)
        text.append(UInt8(ascii: "-"))
        appendPadded(month, 2, to: &text)
        text.append(UInt8(ascii: "-"))
        appendPadded(day, 2, to: &text)
        text.append(UInt8(ascii: "T"))
        appendPadded(hour, 2, to: &text)
        text.append(UInt8(ascii: ":"))
        appendPadded(minute, 2, to: &text)
        text.append(UInt8(ascii: ":"))
        appendPadded(second, 2, to: &text)
        text.append(UInt8(ascii: "."))
        if fraction % 1000 == 0 {
            appendPadded(fraction / 1000, 6, to: &text)
        } else {
            appendPadded(fraction, 9, to: &text)
        }
        text.append(UInt8(ascii: "Z"))
        return String(decoding: text, as: UTF8.self)
    }

    /// `padded(value, width)` as bytes: a minus sign, then the magnitude with leading zeros.
    static func appendPadded(_ value: Int64, _ width: Int, to text: inout [UInt8]) {
        if value < 0 { text.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits = 1
        var scale: UInt64 = 1
        while magnitude / scale >= 10 {
            scale *= 10
            digits += 1
        }
        for _ in digits..<max(digits, width) { text.append(UInt8(ascii: "0")) }
        while scale > 0 {
            text.append(UInt8(ascii: "0") + UInt8(magnitude / scale))
            magnitude %= scale
            scale /= 10
        }
    }

    /// Howard Hinnant's days-to-civil algorithm (proleptic Gregorian).
    static func civilDate(daysSinceEpoch: Int64) -> (Int64, Int64, Int64) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPrime = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
        let month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    static func padded(_ value: Int64, _ width: Int) -> String {
        let text = String(value < 0 ? -value : value)
        let sign = value < 0 ? "-" : ""
        return sign + String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
