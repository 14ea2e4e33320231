/// Makes text taken from files safe to print on a terminal: control characters (escape
/// sequences included) become `\xNN`.
public enum TerminalText {
    public static func safe(_ text: String) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7f || (0x80...0x9f).contains(scalar.value) {
                let hex = String(scalar.value, radix: 16)
                output += "\\x" + (hex.count < 2 ? "0" : "") + hex
            } else {
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}
