#if canImport(Glibc)
import Glibc
#endif

/// Text for a descriptor gathered and written in chunks (per-packet lines, JSON lines), so that a
/// busy capture does not make one write(2) per packet. Once a write fails (the reader went away),
/// `failed` is set and later text is dropped.
final class OutputBuffer {
    let descriptor: Int32
    private var pending = ""
    private(set) var failed = false
    static let threshold = 32_768

    init(descriptor: Int32) {
        self.descriptor = descriptor
        pending.reserveCapacity(Self.threshold * 2)
    }

    func append(_ text: String) {
        guard !failed else { return }
        pending += text
        if pending.utf8.count >= Self.threshold { flush() }
    }

    var isEmpty: Bool { pending.isEmpty }

    @discardableResult
    func flush() -> Bool {
        guard !failed else { return false }
        guard !pending.isEmpty else { return true }
        if !StandardStreams.write(pending, to: descriptor) { failed = true }
        pending.removeAll(keepingCapacity: true)
        return !failed
    }
}
