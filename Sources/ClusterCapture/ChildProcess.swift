import Inputs

#if canImport(Glibc)
import Glibc
#endif

/// A child process (kubectl) started with posix_spawn: its own process group, so a Ctrl-C at the
/// terminal reaches calicap alone, which then ends every child in order; no signal blocked or
/// ignored (calicap ignores SIGPIPE and holds SIGINT/SIGTERM); stdin, stdout and stderr on pipes.
final class ChildProcess {
    let pid: pid_t
    /// Our ends of its pipes: write to `input`, read `output` and `errors`; -1 once handed over
    /// or closed.
    private(set) var input: Int32
    private(set) var output: Int32
    private(set) var errors: Int32
    private(set) var exitStatus: ChildExitStatus?

    /// Starts `executable` (a path, or a name looked up in PATH) with `arguments`.
    init(executable: String, arguments: [String]) throws(ClusterCaptureError) {
        var pipes: [[Int32]] = []
        for _ in 0..<3 {
            var ends: [Int32] = [-1, -1]
            guard pipe2(&ends, O_CLOEXEC) == 0 else {
                let reason = Self.describe(errno)
                for pair in pipes { for end in pair { close(end) } }
                throw .cannotRun(executable: executable, reason: reason)
            }
            pipes.append(ends)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipes[0][0], 0)
        posix_spawn_file_actions_adddup2(&actions, pipes[1][1], 1)
        posix_spawn_file_actions_adddup2(&actions, pipes[2][1], 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for number in [SIGPIPE, SIGINT, SIGTERM, SIGHUP] { sigaddset(&defaults, number) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var started: pid_t = 0
        let result = posix_spawnp(&started, executable, &actions, &attributes, argv, environ)
        close(pipes[0][0])
        close(pipes[1][1])
        close(pipes[2][1])
        guard result == 0 else {
            close(pipes[0][1])
            close(pipes[1][0])
            close(pipes[2][0])
            throw .cannotRun(executable: executable, reason: Self.describe(result))
        }
        pid = started
        input = pipes[0][1]
        output = pipes[1][0]
        errors = pipes[2][0]
    }

    deinit {
        closeInput()
        for descriptor in [output, errors] where descriptor >= 0 { close(descriptor) }
        if exitStatus == nil {
            kill(-pid, SIGKILL)
            _ = waitForExit()
        }
    }

    /// Writes all of `text` to its stdin; false when it cannot take it (it ended).
    @discardableResult
    func send(_ text: String) -> Bool {
        guard input >= 0 else { return false }
        var text = text
        return text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count, let base = bytes.baseAddress {
                let written = write(input, base + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }

    func closeInput() {
        if input >= 0 { close(input) }
        input = -1
    }

    /// Hands the stdout descriptor to its reader, which closes it.
    func takeOutput() -> Int32 {
        defer { output = -1 }
        return output
    }

    /// Hands the stderr descriptor to its reader, which closes it.
    func takeErrors() -> Int32 {
        defer { errors = -1 }
        return errors
    }

    /// Sends `number` to its whole process group (kubectl and whatever it started).
    func signal(_ number: Int32) {
        guard exitStatus == nil else { return }
        kill(-pid, number)
    }

    /// Whether it ended; reaps it without blocking.
    func hasExited() -> Bool {
        if exitStatus != nil { return true }
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        if result == pid {
            exitStatus = ChildExitStatus(waitStatus: status)
            return true
        }
        if result < 0 && errno == ECHILD {
            exitStatus = ChildExitStatus(code: nil, signal: nil)
            return true
        }
        return false
    }

    /// Blocks until it ends and reaps it.
    @discardableResult
    func waitForExit() -> ChildExitStatus {
        if let exitStatus { return exitStatus }
        var status: Int32 = 0
        var result: pid_t
        repeat { result = waitpid(pid, &status, 0) } while result < 0 && errno == EINTR
        let ended = result == pid ? ChildExitStatus(waitStatus: status) : ChildExitStatus(code: nil, signal: nil)
        exitStatus = ended
        return ended
    }

    /// Waits up to `seconds` for it to end; true when it did.
    func waitForExit(seconds: Double) -> Bool {
        let deadline = Clock.monotonic() + Int64(seconds * 1e9)
        while !hasExited() {
            if Clock.monotonic() >= deadline { return false }
            usleep(10_000)
        }
        return true
    }

    static func describe(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
