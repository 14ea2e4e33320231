#if canImport(Glibc)
import Glibc
#endif

/// The live summary kept on one terminal line (carriage return, erase to end of line), refreshed
/// at most twice a second and erased before anything else is printed. It exists only when the
/// stream it writes to is a terminal, so piped output is never garbled.
final class StatusLine {
    let descriptor: Int32
    private(set) var isShown = false
    private var lastDrawn: Int64?
    static let refreshInterval: Int64 = 500_000_000

    /// stderr when it is a terminal, else stdout when it is one; nil when neither is.
    init?() {
        if isatty(2) == 1 {
            descriptor = 2
        } else if isatty(1) == 1 {
            descriptor = 1
        } else {
            return nil
        }
    }

    /// Whether a redraw is due at `now` (monotonic ns).
    func isDue(_ now: Int64) -> Bool { lastDrawn.map { now - $0 >= Self.refreshInterval } ?? true }

    func draw(_ text: String, now: Int64) {
        lastDrawn = now
        StandardStreams.write("\r" + text + "\u{1b}[K", to: descriptor)
        isShown = true
    }

    func clear() {
        guard isShown else { return }
        StandardStreams.write("\r\u{1b}[K", to: descriptor)
        isShown = false
    }

    /// The terminal's width in columns (80 when unknown).
    var width: Int {
        var size = winsize()
        let status = withUnsafeMutablePointer(to: &size) { ioctl(descriptor, UInt(TIOCGWINSZ), $0) }
        return status == 0 && size.ws_col > 0 ? Int(size.ws_col) : 80
    }
}
