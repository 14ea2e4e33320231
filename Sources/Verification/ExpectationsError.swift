/// An expectations file (or short form) that cannot be used: where and why, on one line.
public struct ExpectationsError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// 1-based; nil when the problem is the file as a whole (cannot be read).
    public var line: Int?
    public var reason: String

    public init(file: String, line: Int?, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    /// `expect.yaml:7: 'mode' must be one of …`
    public var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        return "\(place): \(reason)".replacingNewlines
    }
}

extension String {
    /// The text on one line: newlines and tabs become spaces.
    var replacingNewlines: String {
        String(unicodeScalars.map { $0 == "\n" || $0 == "\r" || $0 == "\t" ? " " : Character($0) })
    }
}
