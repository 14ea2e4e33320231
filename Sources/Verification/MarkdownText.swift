/// Text made inert inside Markdown (GitHub-flavoured): no markup, no HTML, one line.
public enum MarkdownText {
    static let punctuation: Set<Unicode.Scalar> = [
        "\\", "`", "*", "_", "{", "}", "[", "]", "(", ")", "#", "+", "-", ".", "!", "|", "~", ":",
    ]

    public static func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "&": result += "&amp;"
            case "\n", "\r", "\t": result += " "
            default:
                if scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value <= 0x9F) {
                    result += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    if punctuation.contains(scalar) { result += "\\" }
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}
