/// Text for GitHub Actions workflow commands (`::error title=…::message`), escaped as the
/// runner's toolkit does, so text from a capture can neither end the command nor start another.
public enum WorkflowCommandText {
    /// The message part: `%`, CR and LF are percent-encoded.
    public static func data(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": result += "%25"
            case "\r": result += "%0D"
            case "\n": result += "%0A"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A property value (`title=`, `file=`): also `:` and `,`.
    public static func property(_ text: String) -> String {
        var result = ""
        for scalar in data(text).unicodeScalars {
            switch scalar {
            case ":": result += "%3A"
            case ",": result += "%2C"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
