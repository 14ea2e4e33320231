import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// glibc's pipe2(2), which the Glibc module does not import (it is a GNU extension): pipes created
/// close-on-exec atomically, so children spawned concurrently by other tests never inherit them.
@_silgen_name("pipe2")
private func pipe2(_ descriptors: UnsafeMutablePointer<Int32>, _ flags: Int32) -> Int32

/// glibc's posix_spawn_file_actions_addchdir_np (2.29), not imported either.
@_silgen_name("posix_spawn_file_actions_addchdir_np")
private func addChangeDirectory(
    _ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ path: UnsafePointer<CChar>
) -> Int32

/// glibc's posix_spawn_file_actions_addclosefrom_np (2.34): the child keeps only 0, 1 and 2.
@_silgen_name("posix_spawn_file_actions_addclosefrom_np")
private func addCloseFrom(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ from: Int32) -> Int32

/// Runs a command (the built `calicap`, or any executable) to completion with posix_spawn, reading
/// its stdout and stderr together as they come (poll), so a large report cannot block the child.
/// Collects the exit status or signal, wall and CPU time, and peak memory.
///
/// The child starts with no signal blocked: test code runs on pool threads that block the
/// asynchronous signals, and a child would inherit that mask (a capture would never see the SIGINT
/// meant to stop it, a forwarder never the SIGTERM). It gets no descriptor but 0, 1 and 2.
///
/// Peak memory is the child's own `VmHWM` from /proc/PID/status, sampled every few milliseconds
/// while it runs: `wait4`'s `ru_maxrss` would not do, because posix_spawn shares this (large,
/// busy) test process's memory until exec and Linux carries that high-water mark over into the
/// child's figure.
public enum ProcessRunner {
    /// Runs the built calicap with `arguments`; see `run(_:_:standardInput:directory:environment:timeout:closeOutputEarly:)`.
    public static func calicap(
        _ arguments: [String], standardInput: String? = nil, directory: URL? = nil,
        environment: [String: String] = [:], timeout: Double = 20, closeOutputEarly: Bool = false
    ) throws -> ProcessOutcome {
        try run(
            CalicapExecutable.path, arguments, standardInput: standardInput, directory: directory,
            environment: environment, timeout: timeout, closeOutputEarly: closeOutputEarly)
    }

    /// Runs `executable` (a path, or a name looked up in PATH) with `arguments`.
    /// - Parameters:
    ///   - standardInput: a file to read as stdin; /dev/null when nil.
    ///   - directory: the working directory; this process's when nil.
    ///   - environment: variables added to (or replacing) this process's environment.
    ///   - timeout: seconds after which the child is killed (SIGKILL) and `timedOut` set.
    ///   - closeOutputEarly: close the read end of its stdout pipe before the child writes (as
    ///     `command | head -0` would).
    public static func run(
        _ executable: String, _ arguments: [String], standardInput: String? = nil, directory: URL? = nil,
        environment: [String: String] = [:], timeout: Double = 60, closeOutputEarly: Bool = false
    ) throws -> ProcessOutcome {
        var outputPipe: [Int32] = [-1, -1]
        var errorPipe: [Int32] = [-1, -1]
        guard pipe2(&outputPipe, O_CLOEXEC) == 0 else { throw currentError() }
        guard pipe2(&errorPipe, O_CLOEXEC) == 0 else {
            let error = currentError()
            close(outputPipe[0])
            close(outputPipe[1])
            throw error
        }
        var pipesOpen = true
        defer {
            if pipesOpen { for descriptor in outputPipe + errorPipe where descriptor >= 0 { close(descriptor) } }
        }
        let inputDescriptor = open(standardInput ?? "/dev/null", O_RDONLY | O_CLOEXEC)
        guard inputDescriptor >= 0 else { throw currentError() }
        defer { close(inputDescriptor) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, inputDescriptor, 0)
        posix_spawn_file_actions_adddup2(&actions, outputPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errorPipe[1], 2)
        _ = addCloseFrom(&actions, 3)
        if let directory { _ = addChangeDirectory(&actions, directory.path) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let variables = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let envp: [UnsafeMutablePointer<CChar>?] = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in envp { free(pointer) } }

        let start = Date()
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, executable, &actions, &attributes, argv, envp)
        close(outputPipe[1])
        close(errorPipe[1])
        outputPipe[1] = -1
        errorPipe[1] = -1
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO) }
        if closeOutputEarly {
            close(outputPipe[0])
            outputPipe[0] = -1
        }
        pipesOpen = false

        let collected = collect(
            from: pid, output: outputPipe[0], error: errorPipe[0], deadline: start.addingTimeInterval(timeout))

        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = Date().timeIntervalSince(start)
        // WIFEXITED / WEXITSTATUS / WTERMSIG by hand (the macros are not imported).
        let signal = status & 0x7f
        let exited = signal == 0
        return ProcessOutcome(
            status: exited ? (status >> 8) & 0xff : 128 + signal,
            signal: exited ? nil : signal,
            outputBytes: collected.output, errorBytes: collected.error, seconds: seconds,
            cpuSeconds: Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
                + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1_000_000,
            maximumResidentKilobytes: collected.peakKilobytes, timedOut: collected.timedOut)
    }

    /// Reads both pipes (either may be -1) until they close or the deadline passes (then the child
    /// is killed), sampling the child's peak memory; closes them.
    private static func collect(
        from pid: pid_t, output outputDescriptor: Int32, error errorDescriptor: Int32, deadline: Date
    ) -> (output: [UInt8], error: [UInt8], peakKilobytes: Int, timedOut: Bool) {
        var output: [UInt8] = []
        var errors: [UInt8] = []
        var open = [outputDescriptor, errorDescriptor].filter { $0 >= 0 }
        var timedOut = false
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var peakKilobytes = 0
        while !open.isEmpty {
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 {
                timedOut = true
                kill(pid, SIGKILL)
                break
            }
            var polls = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&polls, nfds_t(polls.count), Int32(min(remaining, 0.004) * 1000) + 1)
            peakKilobytes = max(peakKilobytes, highWaterMark(of: pid))
            if ready < 0 && errno == EINTR { continue }
            for entry in polls where entry.revents != 0 {
                let count = read(entry.fd, &buffer, buffer.count)
                if count > 0 {
                    if entry.fd == outputDescriptor {
                        output.append(contentsOf: buffer[0..<count])
                    } else {
                        errors.append(contentsOf: buffer[0..<count])
                    }
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    close(entry.fd)
                    open.removeAll { $0 == entry.fd }
                }
            }
        }
        for descriptor in open { close(descriptor) }
        return (output, errors, peakKilobytes, timedOut)
    }

    /// `VmHWM` (peak resident set size, kB) of a running process; 0 once it has exited.
    public static func highWaterMark(of pid: pid_t) -> Int {
        let descriptor = open("/proc/\(pid)/status", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return 0 }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: 4096)
        let count = read(descriptor, &bytes, bytes.count)
        guard count > 0 else { return 0 }
        let text = String(decoding: bytes[0..<count], as: UTF8.self)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return 0 }
        return Int(line.dropFirst(6).split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? "") ?? 0
    }

    private static func currentError() -> POSIXError {
        POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
    }
}
