/// Why a cluster file could not be used. Its description is one line: the file, the line when
/// known, what is wrong, and what was expected.
public struct ClusterFileError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Problem: Hashable, Sendable {
        /// The file could not be read.
        case unreadable(reason: String)
        /// The file holds nothing but whitespace.
        case empty
        /// The file is larger than the loader accepts.
        case tooLarge(bytes: Int, limit: Int)
        /// Not valid YAML or JSON; `format` is `YAML` or `JSON`.
        case syntax(format: String, detail: String)
        /// Valid YAML or JSON, or text, but not a kind of file this tool reads.
        case unrecognised(found: String)
        /// A field this tool reads holds a value it cannot use.
        case invalidValue(field: String, found: String, expected: String)
    }

    /// What a cluster file may be, for messages.
    public static let expectedContents = "a Node, IPPool, Installation or Pod resource (or a List of them) "
        + "as YAML or JSON, or kubectl get pods -o wide output"

    /// The file as the caller named it.
    public let file: String
    /// The 1-based line of the problem, when known.
    public let line: Int?
    public let problem: Problem

    public init(file: String, line: Int? = nil, problem: Problem) {
        self.file = file
        self.line = line
        self.problem = problem
    }

    public var description: String {
        let place = line.map { "\(ClusterFileError.printable(file)): line \($0)" } ?? ClusterFileError.printable(file)
        let message: String
        switch problem {
        case .unreadable(let reason):
            message = "cannot be read (\(reason)); expected \(ClusterFileError.expectedContents)"
        case .empty:
            message = "the file is empty; expected \(ClusterFileError.expectedContents)"
        case .tooLarge(let bytes, let limit):
            message = "the file has \(bytes) bytes, more than \(limit); expected \(ClusterFileError.expectedContents)"
        case .syntax(let format, let detail):
            message = "not valid \(format) (\(detail)); expected \(ClusterFileError.expectedContents)"
        case .unrecognised(let found):
            message = "unrecognised contents (\(found)); expected \(ClusterFileError.expectedContents)"
        case .invalidValue(let field, let found, let expected):
            message = "\(field) is \(found); expected \(expected)"
        }
        return place + ": " + ClusterFileError.printable(message)
    }

    /// The text on one line, without control characters, and at most 300 characters long.
    static func printable(_ text: String, limit: Int = 300) -> String {
        var result = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count == limit {
                result += "…"
                break
            }
            let isControl = scalar.value < 0x20 || (0x7f...0x9f).contains(scalar.value)
                || scalar.value == 0x2028 || scalar.value == 0x2029
                || (0x200e...0x200f).contains(scalar.value) || (0x202a...0x202e).contains(scalar.value)
                || (0x2066...0x2069).contains(scalar.value)
            result.unicodeScalars.append(isControl ? "?" : scalar)
            count += 1
        }
        return result
    }
}
