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

    /// One line on stderr, prefixed `calicap: `.
    static func error(_ message: String) {
        let prefixed = message.hasPrefix("calicap: ") ? message : "calicap: " + message
        writeAll(prefixed + "\n", to: 2)
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
