import Foundation

/// How a process run by `ProcessRunner` ended, and what it printed.
public struct ProcessOutcome: Sendable, CustomStringConvertible {
    /// The exit status; 128 + N when killed by signal N.
    public var status: Int32
    /// The signal that ended the process, if one did (a crash, or the timeout's SIGKILL).
    public var signal: Int32?
    public var outputBytes: [UInt8]
    public var errorBytes: [UInt8]
    /// Wall-clock time from spawn to exit.
    public var seconds: Double
    /// User plus system CPU time of the child: unlike `seconds`, not inflated when other tests
    /// load the machine.
    public var cpuSeconds: Double
    /// The child's peak resident set size (VmHWM, sampled while it ran).
    public var maximumResidentKilobytes: Int
    /// It outlived its timeout and was killed.
    public var timedOut: Bool

    public init(
        status: Int32, signal: Int32?, outputBytes: [UInt8], errorBytes: [UInt8], seconds: Double,
        cpuSeconds: Double, maximumResidentKilobytes: Int, timedOut: Bool
    ) {
        self.status = status
        self.signal = signal
        self.outputBytes = outputBytes
        self.errorBytes = errorBytes
        self.seconds = seconds
        self.cpuSeconds = cpuSeconds
        self.maximumResidentKilobytes = maximumResidentKilobytes
        self.timedOut = timedOut
    }

    public var standardOutput: String { String(decoding: outputBytes, as: UTF8.self) }
    public var standardError: String { String(decoding: errorBytes, as: UTF8.self) }
    public var errorLines: [Substring] { standardError.split(separator: "\n") }

    /// Ended by a signal, whichever.
    public var signalled: Bool { signal != nil }
    /// Ended by a signal other than SIGPIPE (which a closed stdout may rightly bring).
    public var crashed: Bool { signal != nil && signal != SIGPIPE }

    public var description: String {
        "status \(status)\(signal.map { " signal \($0)" } ?? "")\(timedOut ? " (timed out)" : "") "
            + "in \(String(format: "%.3f", seconds)) s (cpu \(String(format: "%.3f", cpuSeconds)) s), "
            + "\(outputBytes.count) bytes out, stderr: \(standardError.prefix(600))"
    }
}
