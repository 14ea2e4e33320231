/// Text made inert inside GitHub- and GitLab-flavoured Markdown, table cells included: no markup,
/// no HTML, no cell breaks, one line.
enum MarkdownEscaping {
    /// What marks up inline text or breaks a table cell. Each line the report writes starts with
    /// its own markup, so line-start characters (`#`, `-`, `+`) need nothing.
    static let punctuation: Set<Unicode.Scalar> = ["\\", "`", "*", "_", "[", "]", "|", "~"]

    static func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "&": result += "&amp;"
            case "\n", "\r", "\t": result += " "
            default:
                if scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value <= 0x9F) {
                    result += " "
                } else {
                    if punctuation.contains(scalar) { result += "\\" }
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}
