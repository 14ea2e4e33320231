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
    /// `--inner-filter`/`--pod` as one expression, run by the capture (what it drops is not saved).
    var innerFilter: String? = nil
    /// Keep the capture here (`-w`); otherwise a temporary file, removed afterwards.
    var keepPath: String?

    /// Runs the capture; returns the file written and whether it is temporary.
    func run() -> Result<(path: String, temporary: Bool), VerifyLiveCaptureFailure> {
        let path: String
        let temporary: Bool
        if let keepPath {
            path = keepPath
            temporary = false
        } else {
            var template = Array((NSTemporaryDirectory() as NSString).appendingPathComponent("calicap-verify-XXXXXX").utf8CString)
            guard let directory = mkdtemp(&template) else { return .failure(.cannotStart("cannot create a temporary folder")) }
            path = String(cString: directory) + "/live.pcapng"
            temporary = true
        }
        var arguments = ["capture"]
        for interface in interfaces { arguments += ["-i", interface] }
        if let duration { arguments += ["--duration", String(duration)] }
        if let count { arguments += ["-c", String(count)] }
        if let filter { arguments += ["-f", filter] }
        if let innerFilter { arguments += ["--inner-filter", innerFilter] }
        arguments += ["-w", path, "--format", "json"]
        // Ctrl-C and SIGTERM reach the capture (same process group) and end it with its file
        // complete; here they only wake us, and the verdict follows.
        signal(SIGINT) { _ in }
        signal(SIGTERM) { _ in }
        defer {
            signal(SIGINT, SIG_DFL)
            signal(SIGTERM, SIG_DFL)
        }
        let outcome = Self.spawnAndWait(arguments).flatMap { status -> Result<Int32, VerifyLiveCaptureFailure> in
            // 0: done; 4: done, but a device went away or the file could not be fully written.
            status == 0 || status == 4 ? .success(status) : .failure(.capture(status))
        }
        switch outcome {
        case .success: return .success((path, temporary))
        case .failure(let failure):
            if temporary { Self.remove(path) }
            return .failure(failure)
        }
    }

    /// Runs this executable with `arguments` (posix_spawn, no helper threads), its standard
    /// output discarded, no signal blocked or ignored; returns its exit status.
    static func spawnAndWait(_ arguments: [String]) -> Result<Int32, VerifyLiveCaptureFailure> {
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for number in [SIGINT, SIGTERM, SIGPIPE] { sigaddset(&defaults, number) }
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let executable = "/proc/self/exe"
        let argv = (["calicap"] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, executable, &actions, &attributes, argv, environ)
        guard spawned == 0 else {
            return .failure(.cannotStart("cannot start the capture: \(String(cString: strerror(spawned)))"))
        }
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0 {
            guard errno == EINTR else { return .failure(.cannotStart("lost the capture process")) }
        }
        // WIFEXITED / WEXITSTATUS / WTERMSIG, spelled out (they are C macros).
        let signalNumber = status & 0x7f
        guard signalNumber == 0 else { return .failure(.cannotStart("the capture ended by signal \(signalNumber)")) }
        return .success((status >> 8) & 0xff)
    }

    /// Removes a temporary capture and its folder.
    static func remove(_ path: String) {
        unlink(path)
        rmdir((path as NSString).deletingLastPathComponent)
    }
}
