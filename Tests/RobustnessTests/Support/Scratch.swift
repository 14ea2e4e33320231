import Foundation

/// A per-process temporary directory for the files the tests write.
enum Scratch {
    static let directory: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("calicap-robustness-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// Writes `bytes` under `name` (made unique by the caller) and returns the path.
    @discardableResult
    static func write(_ bytes: [UInt8], name: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
}
