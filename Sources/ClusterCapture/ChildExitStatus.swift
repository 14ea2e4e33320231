/// How a child process ended: its exit code, or the signal that ended it.
struct ChildExitStatus: Equatable, Sendable, CustomStringConvertible {
    var code: Int32?
    var signal: Int32?

    init(code: Int32?, signal: Int32?) {
        self.code = code
        self.signal = signal
    }

    /// From waitpid's status word (WIFEXITED / WEXITSTATUS / WTERMSIG by hand: the macros are
    /// not imported).
    init(waitStatus status: Int32) {
        let number = status & 0x7f
        if number == 0 {
            self.init(code: (status >> 8) & 0xff, signal: nil)
        } else {
            self.init(code: nil, signal: number)
        }
    }

    var succeeded: Bool { code == 0 }

    var description: String {
        if let code { return "exit status \(code)" }
        if let signal { return "signal \(signal)" }
        return "unknown status"
    }
}
