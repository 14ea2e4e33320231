/// JSON string literals (RFC 8259), written by hand so the output order is the documented one.
enum JSONText {
    static func quote(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    static func optional(_ text: String?) -> String { text.map(quote) ?? "null" }

    static func array(_ items: [String]) -> String {
        items.isEmpty ? "[]" : "[" + items.map(quote).joined(separator: ", ") + "]"
    }
}
