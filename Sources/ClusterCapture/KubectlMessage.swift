/// kubectl's stderr made into one line for a warning: the lines that say something, joined.
public enum KubectlMessage {
    /// Longer messages are cut (a stack trace says nothing more).
    static let maximumLength = 600

    static func summary(_ errors: String, status: ChildExitStatus) -> String {
        summary(errors, statusText: status.description)
    }

    public static func summary(_ errors: String, statusText: String? = nil) -> String {
        var lines: [String] = []
        for line in errors.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: " \t")
            // tcpdump's own chatter on a capture that did start says nothing about a failure.
            if trimmed.isEmpty || trimmed.hasPrefix("tcpdump: listening on") || trimmed.hasPrefix("listening on") {
                continue
            }
            lines.append(String(trimmed))
        }
        var text = lines.joined(separator: "; ")
        if text.isEmpty { text = "no message" + (statusText.map { ", kubectl ended with \($0)" } ?? "") }
        if text.count > maximumLength { text = String(text.prefix(maximumLength)) + "…" }
        return text
    }
}

extension Substring {
    func trimmingCharacters(in set: String) -> Substring {
        var result = self
        while let first = result.first, set.contains(first) { result = result.dropFirst() }
        while let last = result.last, set.contains(last) { result = result.dropLast() }
        return result
    }
}
