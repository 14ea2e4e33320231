import ArgumentParser
import Calico

#if canImport(Glibc)
import Glibc
#endif

/// `--captured-on`, repeatable: `NAME` for every file, `FILE=NAME` for one file. NAME is a
/// device name (eth0, tunl0, vxlan.calico, …) or `router` (a router port, like an uplink).
struct CapturePointNaming {
    /// For every file (`--captured-on NAME`), if given.
    var everyFile: String?
    /// Per source name (the path as given, `stdin` for `-`).
    var bySource: [String: String] = [:]

    static let accepted = "a device name (" + CapturePointRole.statedNamePatterns.joined(separator: ", ") + ")"

    /// A Linux device name (1 to 15 characters, no `/`, `=`, space or control character) whose
    /// role calicap knows, or `router`.
    static func isDeviceName(_ name: String) -> Bool {
        guard (1...15).contains(name.utf8.count), name != ".", name != ".." else { return false }
        guard name.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7f && $0 != "/" && $0 != "=" }) else {
            return false
        }
        return CapturePointRole.recognises(statedName: name)
    }

    /// The file's identity for matching: its real path when it exists.
    static func identity(_ path: String) -> String {
        guard path != "-", let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Reads the option's values against the files that will be read.
    init(_ values: [String], paths: [String]) throws {
        var pathByIdentity: [String: String] = [:]
        for path in paths { pathByIdentity[Self.identity(path)] = pathByIdentity[Self.identity(path)] ?? path }
        for value in values {
            guard let separator = value.lastIndex(of: "=") else {
                guard Self.isDeviceName(value) else {
                    throw ValidationError("--captured-on: '\(value)' is not a capture point calicap knows; accepted: \(Self.accepted)")
                }
                if let everyFile, everyFile != value {
                    throw ValidationError("--captured-on given twice for every file (\(everyFile), \(value)); use FILE=NAME per file")
                }
                everyFile = value
                continue
            }
            let file = String(value[..<separator])
            let name = String(value[value.index(after: separator)...])
            guard Self.isDeviceName(name) else {
                throw ValidationError("--captured-on \(file)=: '\(name)' is not a capture point calicap knows; accepted: \(Self.accepted)")
            }
            guard let path = pathByIdentity[Self.identity(file)] else {
                throw ValidationError("--captured-on: '\(file)' is not among the files read: \(paths.joined(separator: ", "))")
            }
            bySource[path == "-" ? "stdin" : path] = name
        }
    }
}
