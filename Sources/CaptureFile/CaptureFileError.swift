/// Why a capture file could not be opened.
///
/// Problems met after the header are not errors: they become `CaptureFileWarning`s and end the stream.
public enum CaptureFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `open(2)` failed; `reason` is the `strerror` text ("No such file or directory").
    case cannotOpen(path: String, reason: String)
    case isDirectory(path: String)
    /// The file (or stream) holds no bytes at all.
    case empty(path: String)
    /// The file ends before its header does (`byteCount` bytes were present).
    case tooShort(path: String, byteCount: Int)
    /// The first four bytes are not a pcap or pcapng magic; `magic` is them read big-endian.
    case notACaptureFile(path: String, magic: UInt32)
    /// A pcapng Section Header Block whose byte-order magic is neither 0x1a2b3c4d nor 0x4d3c2b1a.
    case unknownByteOrder(path: String, magic: UInt32)
    /// A pcap version other than 2.0–2.4, or a pcapng major version other than 1.
    case unsupportedVersion(path: String, major: UInt16, minor: UInt16)
    /// `read(2)` failed while reading the header; `reason` is the `strerror` text.
    case readFailed(path: String, reason: String)

    /// The path (or display name, "stdin") the error is about.
    public var path: String {
        switch self {
        case .cannotOpen(let path, _), .isDirectory(let path), .empty(let path), .tooShort(let path, _),
            .notACaptureFile(let path, _), .unknownByteOrder(let path, _), .unsupportedVersion(let path, _, _),
            .readFailed(let path, _):
            path
        }
    }

    /// One line, for example `calicap: w1.pcap: not a pcap or pcapng file (magic 0x7f454c46)`.
    public var description: String {
        let message: String
        switch self {
        case .cannotOpen(_, let reason): message = "cannot open: \(reason)"
        case .isDirectory: message = "is a directory, not a capture file"
        case .empty: message = "empty file, not a capture file"
        case .tooShort(_, let byteCount): message = "too short for a capture file header (\(byteCount) bytes)"
        case .notACaptureFile(_, let magic): message = "not a pcap or pcapng file (magic \(Self.hex(magic)))"
        case .unknownByteOrder(_, let magic):
            message = "pcapng section header has an unknown byte-order magic \(Self.hex(magic))"
        case .unsupportedVersion(_, let major, let minor): message = "unsupported capture file version \(major).\(minor)"
        case .readFailed(_, let reason): message = "read failed: \(reason)"
        }
        return "calicap: \(Self.printable(path)): \(message)"
    }

    /// The path with control characters (escape sequences, newlines, C1 controls) shown as `\xNN`:
    /// a file name is text from a stranger, and this line goes to a terminal.
    static func printable(_ path: String) -> String {
        var output = ""
        for scalar in path.unicodeScalars {
            let value = scalar.value
            if value < 0x20 || value == 0x7f || (0x80...0x9f).contains(value) {
                output += "\\x" + (value < 0x10 ? "0" : "") + String(value, radix: 16)
            } else {
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }
}
