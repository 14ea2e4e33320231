import Report

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes whole strings to stdout/stderr without Foundation.
enum StandardStreams {
    /// Writes to standard output; false when the reader went away (EPIPE) or writing failed.
    @discardableResult
    static func write(_ text: String) -> Bool {
        writeAll(text, to: 1)
    }

    /// One line on stderr, prefixed `calicap: `. Control characters (from file or device names)
    /// are escaped, so the line stays one line and nothing reaches the terminal raw.
    static func error(_ message: String) {
        let safe = TerminalText.safe(message)
        let prefixed = safe.hasPrefix("calicap: ") ? safe : "calicap: " + safe
        _ = writeAll(prefixed + "\n", to: 2)
    }

    /// Text on stderr as is (no prefix, no newline added); false when writing failed.
    @discardableResult
    static func writeError(_ text: String) -> Bool {
        writeAll(text, to: 2)
    }

    /// Text to a descriptor as is; false when the reader went away or writing failed.
    @discardableResult
    static func write(_ text: String, to descriptor: Int32) -> Bool {
        writeAll(text, to: descriptor)
    }

    private static func writeAll(_ text: String, to descriptor: Int32) -> Bool {
        var text = text
        return text.withUTF8 { bytes -> Bool in
            guard let base = bytes.baseAddress else { return true }
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, base + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }
}
