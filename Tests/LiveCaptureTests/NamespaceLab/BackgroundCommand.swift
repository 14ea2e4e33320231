import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A command left running in the background (a capture), its output going to files (a large
/// report on a pipe nobody reads yet would block it); stopped with SIGINT, as a person would.
final class BackgroundCommand: @unchecked Sendable {
    let process = Process()
    let outputFile: URL
    let errorFile: URL
    let started = Date()

    init(_ executable: String, _ arguments: [String], outputFile: URL, errorFile: URL) throws {
        self.outputFile = outputFile
        self.errorFile = errorFile
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        process.standardInput = FileHandle.nullDevice
        try Self.runWithCleanSignalMask(process)
    }

    /// Starts a process with no signal blocked. Test code runs on pool threads that block the
    /// asynchronous signals, and a spawned child inherits that mask: a capture started from there
    /// would never see the SIGINT that is meant to stop it.
    private static func runWithCleanSignalMask(_ process: Process) throws {
        var empty = sigset_t()
        var previous = sigset_t()
        sigemptyset(&empty)
        pthread_sigmask(SIG_SETMASK, &empty, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        try process.run()
    }

    var standardOutput: String { (try? String(contentsOf: outputFile, encoding: .utf8)) ?? "" }
    var standardError: String { (try? String(contentsOf: errorFile, encoding: .utf8)) ?? "" }
    var isRunning: Bool { process.isRunning }

    /// Waits until stderr says the capture is listening (tcpdump: "listening on"), the process
    /// ended, or the timeout passed. Returns whether the marker was seen.
    func waitUntilListening(markers: [String], timeout: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let text = standardError.lowercased()
            if markers.contains(where: { text.contains($0) }) { return true }
            if !process.isRunning { return false }
            usleep(10_000)
        }
        return false
    }

    func interrupt() {
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGINT) }
    }

    /// Kills it (SIGKILL) if it still runs: the teardown of a run that failed halfway.
    func killIfRunning() {
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
    }

    struct Ending: Sendable {
        var status: Int32
        var signalled: Bool
        /// It did not end by itself within the timeout after SIGINT and was killed.
        var killed: Bool
        var secondsAfterInterrupt: Double
    }

    func wait(timeout: Double) -> Ending {
        let start = Date()
        let deadline = start.addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(5_000) }
        let killed = process.isRunning
        if killed { Glibc.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return Ending(status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
                      killed: killed, secondsAfterInterrupt: Date().timeIntervalSince(start))
    }
}
