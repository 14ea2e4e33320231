import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `calicap verify -i IFACE --duration N`: captures first, then judges the file. The capture is
/// this same executable's `capture` command writing pcapng (with device names), so the live
/// machinery is reused untouched; its report is discarded, its messages ("listening on …",
/// libpcap's statistics) go to stderr. Ctrl-C ends the capture, and the verdict follows.
struct VerifyLiveCapture {
    var interfaces: [String]
    var duration: Double?
    var count: Int?
    var filter: String?
    /// Keep the capture here (`-w`); otherwise a temporary file, removed afterwards.
    var keepPath: String?

    enum Failure: Error {
        /// The capture command's own exit status (2 usage, 3 cannot capture); it said why.
        case capture(Int32)
        case cannotStart(String)
    }

    /// Runs the capture; returns the file written and whether it is temporary.
    func run() -> Result<(path: String, temporary: Bool), Failure> {
        let path: String
        let temporary: Bool
        if let keepPath {
            path = keepPath
            temporary = false
        } else {
            var template = Array((NSTemporaryDirectory() + "/calicap-verify-XXXXXX").utf8CString)
            guard let directory = mkdtemp(&template) else { return .failure(.cannotStart("cannot create a temporary folder")) }
            path = String(cString: directory) + "/live.pcapng"
            temporary = true
        }
        var arguments = ["capture"]
        for interface in interfaces { arguments += ["-i", interface] }
        if let duration { arguments += ["--duration", String(duration)] }
        if let count { arguments += ["-c", String(count)] }
        if let filter { arguments += ["-f", filter] }
        arguments += ["-w", path, "--format", "json"]
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        // Ctrl-C and SIGTERM reach the capture (same process group) and end it with its file
        // complete; here they only wake us, and the verdict follows.
        signal(SIGINT) { _ in }
        signal(SIGTERM) { _ in }
        defer {
            signal(SIGINT, SIG_DFL)
            signal(SIGTERM, SIG_DFL)
        }
        do {
            try process.run()
        } catch {
            return .failure(.cannotStart("cannot start the capture: \(error.localizedDescription)"))
        }
        process.waitUntilExit()
        if process.terminationReason == .uncaughtSignal {
            return .failure(.cannotStart("the capture ended by signal \(process.terminationStatus)"))
        }
        // 0: done; 4: done, but a device went away or the file could not be fully written.
        let status = process.terminationStatus
        guard status == 0 || status == 4 else { return .failure(.capture(status)) }
        return .success((path, temporary))
    }

    /// Removes a temporary capture and its folder.
    static func remove(_ path: String) {
        unlink(path)
        rmdir((path as NSString).deletingLastPathComponent)
    }
}
