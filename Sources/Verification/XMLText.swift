/// Text made safe for XML 1.0 attribute values and character data.
public enum XMLText {
    /// Escapes markup characters; characters XML 1.0 cannot hold (most control characters,
    /// lone surrogates cannot occur in String) become `\u{…}` text. In an attribute, line
    /// breaks and tabs are character references, so that parsers do not turn them into spaces.
    public static func escape(_ text: String, attribute: Bool = false) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\t": result += attribute ? "&#9;" : "\t"
            case "\n": result += attribute ? "&#10;" : "\n"
            case "\r": result += "&#13;"
            default:
                let value = scalar.value
                if value < 0x20 || value == 0xFFFE || value == 0xFFFF || (value >= 0x7F && value <= 0x9F) {
                    result += "\\u{\(String(value, radix: 16))}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}
