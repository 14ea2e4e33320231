#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SIGINT and SIGTERM as polled events rather than asynchronous handlers: the signals are blocked
/// while capturing and collected with sigtimedwait(2) between reads, so nothing runs in signal
/// context. `release()` restores the default action, so a second Ctrl-C ends the process at once.
public final class StopSignals {
    private var mask = sigset_t()
    private var previousMask = sigset_t()
    public private(set) var isHolding = false

    public init() {
        sigemptyset(&mask)
        sigaddset(&mask, SIGINT)
        sigaddset(&mask, SIGTERM)
    }

    /// Blocks SIGINT and SIGTERM (call before any thread is started).
    public func hold() {
        guard !isHolding else { return }
        pthread_sigmask(SIG_BLOCK, &mask, &previousMask)
        isHolding = true
    }

    /// The signal number of a pending SIGINT or SIGTERM, consumed; nil when none is pending.
    public func take() -> Int32? {
        guard isHolding else { return nil }
        var information = siginfo_t()
        var zero = timespec(tv_sec: 0, tv_nsec: 0)
        let number = sigtimedwait(&mask, &information, &zero)
        return number > 0 ? number : nil
    }

    /// Default actions again, unblocked: the next SIGINT/SIGTERM terminates the process.
    public func release() {
        guard isHolding else { return }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
        pthread_sigmask(SIG_SETMASK, &previousMask, nil)
        isHolding = false
    }

    deinit {
        release()
    }
}
