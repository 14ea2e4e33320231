/// Text for a terminal or a log: control characters (from file names, capture contents) are
/// shown as `\u{…}`, so a line stays one line and nothing reaches the terminal raw.
public enum PlainText {
    public static func safe(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value <= 0x9F) {
                result += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
