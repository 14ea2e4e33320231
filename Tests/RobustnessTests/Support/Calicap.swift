import Foundation
import Glibc

/// glibc's pipe2(2), which the Glibc module does not import (it is a GNU extension): pipes created
/// close-on-exec atomically, so children spawned concurrently by other tests never inherit them.
@_silgen_name("pipe2")
private func pipe2(_ descriptors: UnsafeMutablePointer<Int32>, _ flags: Int32) -> Int32

/// Runs the built `calicap` executable as a child process (posix_spawn) and collects its output,
/// exit status, wall and CPU time, and peak memory.
///
/// Peak memory is the child's own `VmHWM` from /proc/PID/status, sampled every few milliseconds
/// while it runs: `wait4`'s `ru_maxrss` would not do, because posix_spawn shares this (large,
/// busy) test process's memory until exec and Linux carries that high-water mark over into the
/// child's figure.
enum Calicap {
    struct Outcome: CustomStringConvertible {
        /// The exit status; 128 + N when killed by signal N.
        var status: Int32
        /// The signal that ended the process, if one did (a crash, or the timeout's SIGKILL).
        var signal: Int32?
        var standardOutput: [UInt8]
        var standardError: [UInt8]
        var seconds: Double
        /// User plus system CPU time of the child: unlike `seconds`, not inflated when other tests
        /// load the machine.
        var cpuSeconds: Double
        /// The child's peak resident set size (VmHWM, sampled while it ran).
        var maximumResidentKilobytes: Int
        var timedOut: Bool

        var output: String { String(decoding: standardOutput, as: UTF8.self) }
        var errors: String { String(decoding: standardError, as: UTF8.self) }
        var errorLines: [Substring] { errors.split(separator: "\n") }
        var crashed: Bool { signal != nil && signal != SIGPIPE }

        var description: String {
            "status \(status)\(signal.map { " signal \($0)" } ?? "") in \(String(format: "%.3f", seconds)) s "
                + "(cpu \(String(format: "%.3f", cpuSeconds)) s), "
                + "\(standardOutput.count) bytes out, stderr: \(errors.prefix(600))"
        }
    }

    static let repository: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static var fixtures: URL { repository.appendingPathComponent("Fixtures") }

    /// The executable beside the test bundle (`swift test` builds it into the same folder), as
    /// Tests/CLITests/CommandRunner.swift finds it.
    static let executable: String = {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [bundle.appendingPathComponent("calicap"), bundle.deletingLastPathComponent().appendingPathComponent("calicap")] {
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate.path }
        }
        return repository.appendingPathComponent(".build/debug/calicap").path
    }()

    enum StandardInput {
        case null
        case file(String)
    }

    /// Runs calicap with `arguments`. `closeOutputEarly` closes the read end of its stdout pipe
    /// before the child writes (as `calicap … | head -0` would). Kills the child after `timeout`.
    static func run(
        _ arguments: [String], input: StandardInput = .null, closeOutputEarly: Bool = false, timeout: Double = 20,
        environment overrides: [String: String] = [:]
    ) throws -> Outcome {
        var outputPipe: [Int32] = [-1, -1]
        var errorPipe: [Int32] = [-1, -1]
        guard pipe2(&outputPipe, O_CLOEXEC) == 0, pipe2(&errorPipe, O_CLOEXEC) == 0 else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        let inputPath: String
        switch input {
        case .null: inputPath = "/dev/null"
        case .file(let path): inputPath = path
        }
        let inputDescriptor = open(inputPath, O_RDONLY | O_CLOEXEC)
        guard inputDescriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(inputDescriptor) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, inputDescriptor, 0)
        posix_spawn_file_actions_adddup2(&actions, outputPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errorPipe[1], 2)

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let environment = ProcessInfo.processInfo.environment.merging(overrides) { $1 }
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in envp { free(pointer) } }
        let start = Date()
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        close(outputPipe[1])
        close(errorPipe[1])
        guard spawned == 0 else {
            close(outputPipe[0])
            close(errorPipe[0])
            throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO)
        }
        if closeOutputEarly {
            close(outputPipe[0])
            outputPipe[0] = -1
        }

        var output: [UInt8] = []
        var errors: [UInt8] = []
        var open = [outputPipe[0], errorPipe[0]].filter { $0 >= 0 }
        let deadline = start.addingTimeInterval(timeout)
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
            peakKilobytes = max(peakKilobytes, Self.highWaterMark(of: pid))
            if ready < 0 && errno == EINTR { continue }
            for entry in polls where entry.revents != 0 {
                let count = read(entry.fd, &buffer, buffer.count)
                if count > 0 {
                    if entry.fd == outputPipe[0] {
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

        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = Date().timeIntervalSince(start)
        // WIFEXITED / WEXITSTATUS / WTERMSIG by hand (the macros are not imported).
        let signal = status & 0x7f
        let exited = signal == 0
        return Outcome(
            status: exited ? (status >> 8) & 0xff : 128 + signal,
            signal: exited ? nil : signal,
            standardOutput: output, standardError: errors, seconds: seconds,
            cpuSeconds: Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
                + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1_000_000,
            maximumResidentKilobytes: peakKilobytes, timedOut: timedOut)
    }

    /// `VmHWM` (peak resident set size, kB) of a running process; 0 once it has exited.
    static func highWaterMark(of pid: pid_t) -> Int {
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
}
