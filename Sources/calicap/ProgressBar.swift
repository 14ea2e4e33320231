#if canImport(Glibc)
import Glibc
#endif
import Inputs
import Report

/// The progress of reading capture files, on standard error: bytes read of the total, packets a
/// second and the time left, per file when there are several. On a terminal it is one line
/// redrawn in place (twice a second) and erased before the report; elsewhere (`--progress` into
/// a log) a line every five seconds. Files of unknown size (standard input) show bytes only.
final class ProgressBar {
    let onTerminal: Bool
    let sizes: [Int?]
    let started = Clock.monotonic()
    private var lastDrawn: Int64 = 0
    private var isShown = false

    /// `enabled`: `--progress` (true), `--no-progress` (false), else on when stderr is a terminal.
    init?(paths: [String], enabled: Bool?) {
        onTerminal = isatty(2) == 1
        guard enabled ?? onTerminal else { return nil }
        sizes = paths.map { path in
            var status = stat()
            guard path != "-", stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
            return Int(status.st_size)
        }
    }

    func update(_ progress: ReadProgress) {
        let now = Clock.monotonic()
        let finished = progress.files.allSatisfy(\.finished)
        if finished {
            clear()
            return
        }
        guard now - lastDrawn >= (onTerminal ? 500_000_000 : 5_000_000_000) else { return }
        lastDrawn = now
        let text = Self.text(progress, sizes: sizes, seconds: Double(now - started) / 1e9)
        if onTerminal {
            StandardStreams.write("\r" + String(text.prefix(max(20, width - 1))) + "\u{1b}[K", to: 2)
            isShown = true
        } else {
            StandardStreams.write(text + "\n", to: 2)
        }
    }

    func clear() {
        guard isShown else { return }
        StandardStreams.write("\r\u{1b}[K", to: 2)
        isShown = false
    }

    /// `reading 412 MB of 1.09 GB (37%), 1.52 M packets/s, 0:03 left`; with several files each
    /// file's share first: `w1-eth0.pcap 40%, w2-eth0.pcap 38% | …`.
    static func text(_ progress: ReadProgress, sizes: [Int?], seconds: Double) -> String {
        let read = progress.files.reduce(0) { $0 + $1.bytesRead }
        let known = sizes.allSatisfy { $0 != nil }
        let total = sizes.reduce(0) { $0 + ($1 ?? 0) }
        var parts: [String] = []
        if progress.files.count > 1 {
            parts.append(
                zip(progress.files, sizes).map { file, size in
                    let name = TerminalText.safe(file.name.split(separator: "/").last.map(String.init) ?? file.name)
                    guard let size, size > 0 else { return "\(name) \(bytes(file.bytesRead))" }
                    return "\(name) \(min(100, file.bytesRead * 100 / size))%"
                }.joined(separator: ", ") + " |")
        }
        var line = "reading " + bytes(read)
        if known && total > 0 { line += " of \(bytes(total)) (\(min(100, read * 100 / total))%)" }
        let rate = seconds > 0 ? Double(progress.packets) / seconds : 0
        line += ", " + packetsRate(rate)
        if known && total > read && read > 0 && seconds > 0 {
            let left = Int(Double(total - read) / (Double(read) / seconds))
            line += ", \(left / 60):\(left % 60 < 10 ? "0" : "")\(left % 60) left"
        }
        parts.append(line)
        return parts.joined(separator: " ")
    }

    static func bytes(_ count: Int) -> String {
        if count >= 1_000_000_000 { return decimal(Double(count) / 1e9, "GB") }
        if count >= 1_000_000 { return "\(count / 1_000_000) MB" }
        return "\(count / 1000) kB"
    }

    static func packetsRate(_ rate: Double) -> String {
        rate >= 1e6 ? decimal(rate / 1e6, "M packets/s") : "\(Int(rate / 1000)) k packets/s"
    }

    static func decimal(_ value: Double, _ unit: String) -> String {
        let hundredths = Int((value * 100).rounded())
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100) \(unit)"
    }

    var width: Int {
        var size = winsize()
        let status = withUnsafeMutablePointer(to: &size) { ioctl(2, UInt(TIOCGWINSZ), $0) }
        return status == 0 && size.ws_col > 0 ? Int(size.ws_col) : 80
    }
}
