import Foundation

/// A fresh directory under /tmp for the files a test writes, removed with everything in it when
/// released.
public final class TemporaryDirectory: @unchecked Sendable {
    public let path: String
    public var url: URL { URL(fileURLWithPath: path) }

    /// One directory for the whole test process, for files named uniquely by their tests; left
    /// in /tmp for a look after a failure, until the next test process starts: it removes the
    /// shared directories of test processes that no longer run.
    public static let shared: TemporaryDirectory = {
        removeSharedDirectoriesOfEndedProcesses()
        return TemporaryDirectory(prefix: "\(sharedPrefix)\(getpid())", removedWhenReleased: false)
    }()

    static let sharedPrefix = "calicap-tests-"

    /// Removes `/tmp/calicap-tests-PID-XXXXXX` where no process PID runs any more.
    static func removeSharedDirectoriesOfEndedProcesses() {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/tmp")) ?? []
        for name in names where name.hasPrefix(sharedPrefix) {
            let rest = name.dropFirst(sharedPrefix.count)
            guard let pid = rest.split(separator: "-").first.flatMap({ pid_t($0) }), pid > 0,
                pid != getpid(), kill(pid, 0) != 0, errno == ESRCH
            else { continue }
            try? FileManager.default.removeItem(atPath: "/tmp/" + name)
        }
    }

    private let removedWhenReleased: Bool

    /// `/tmp/<prefix>-XXXXXX`, made by mkdtemp(3).
    public init(prefix: String = "calicap-test", removedWhenReleased: Bool = true) {
        self.removedWhenReleased = removedWhenReleased
        var template = Array("/tmp/\(prefix)-XXXXXX".utf8CString)
        let created = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.flatMap { mkdtemp($0) }.map { String(cString: $0) }
        }
        guard let created else { preconditionFailure("mkdtemp /tmp/\(prefix)-XXXXXX failed: errno \(errno)") }
        path = created
    }

    deinit {
        if removedWhenReleased { try? FileManager.default.removeItem(atPath: path) }
    }

    /// The path of `name` in the directory (nothing is created).
    public func file(_ name: String) -> String { path + "/" + name }

    /// Writes `bytes` to `name` in the directory (replacing it) and returns its path; a failed
    /// write leaves no file, for the test's open to report.
    @discardableResult
    public func write(_ bytes: [UInt8], name: String) -> String {
        let file = file(name)
        if !FileManager.default.createFile(atPath: file, contents: Data(bytes)) {
            try? FileManager.default.removeItem(atPath: file)
        }
        return file
    }

    /// Writes `text` as UTF-8 to `name` and returns its path.
    @discardableResult
    public func write(_ text: String, name: String) -> String {
        write(Array(text.utf8), name: name)
    }

    /// Creates an empty subdirectory (and its parents) and returns its path.
    @discardableResult
    public func makeDirectory(name: String) -> String {
        let directory = file(name)
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory
    }
}
