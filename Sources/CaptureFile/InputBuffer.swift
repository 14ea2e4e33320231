#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a descriptor in large chunks into one reusable buffer and hands out windows of it.
///
/// The reader parses records in place (zero-copy). When a record straddles the end of the buffer,
/// the unread tail is moved to the front; when one record is larger than the buffer, the buffer
/// grows step by step as its bytes actually arrive, so a hostile length at the end of a short file
/// never allocates more than the file holds. Works on pipes: it never seeks and never asks for
/// the file size.
final class InputBuffer {
    let descriptor: Int32
    private var storage: UnsafeMutableRawPointer
    private var capacity: Int
    private let chunkSize: Int
    /// The most one `read(2)` asks for (tests use small values to exercise partial reads).
    private let readLimit: Int
    /// The first unconsumed byte.
    private var start = 0
    /// One past the last valid byte.
    private var end = 0
    /// The stream offset of the first unconsumed byte.
    private(set) var offset = 0
    /// `read(2)` returned 0.
    private(set) var reachedEnd = false
    /// The `errno` of a failed `read(2)`; nothing more is read after one.
    private(set) var readError: Int32?

    init(descriptor: Int32, chunkSize: Int = CaptureLimits.chunkSize, readLimit: Int = Int.max) {
        self.descriptor = descriptor
        self.chunkSize = max(chunkSize, 1)
        self.readLimit = max(readLimit, 1)
        capacity = self.chunkSize
        storage = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
    }

    deinit {
        storage.deallocate()
    }

    /// Unconsumed bytes in the buffer.
    var available: Int { end - start }

    /// The first unconsumed byte. Valid until the next `fill`.
    var pointer: UnsafeRawPointer { UnsafeRawPointer(storage + start) }

    /// The first `count` unconsumed bytes (fewer if fewer are available). Valid until the next `fill`.
    func window(_ count: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: storage + start, count: min(max(count, 0), end - start))
    }

    /// Reads until at least `count` bytes are available, the stream ends or a read fails.
    /// Returns the number of bytes available, which is less than `count` only at the end.
    /// Invalidates earlier windows and pointers.
    @inline(__always)
    func fill(atLeast count: Int) -> Int {
        end - start >= count ? end - start : refill(atLeast: count)
    }

    /// Drops `count` bytes from the front.
    @inline(__always)
    func consume(_ count: Int) {
        let dropped = min(max(count, 0), end - start)
        start += dropped
        offset += dropped
    }

    @inline(never)
    private func refill(atLeast count: Int) -> Int {
        if capacity - start < count || start == end {
            compact()
        }
        while end - start < count, !reachedEnd, readError == nil {
            if end == capacity {
                // Only reached after compacting (start == 0) when count > capacity.
                grow(toward: count)
            }
            let wanted = min(capacity - end, readLimit)
            let result = read(descriptor, storage + end, wanted)
            if result > 0 {
                end += result
            } else if result == 0 {
                reachedEnd = true
            } else {
                let code = errno
                if code == EINTR { continue }
                if code == EAGAIN || code == EWOULDBLOCK {
                    waitUntilReadable()
                    continue
                }
                readError = code
            }
        }
        return end - start
    }

    /// Moves the unconsumed bytes to the front of the buffer.
    private func compact() {
        guard start > 0 else { return }
        let remaining = end - start
        if remaining > 0 {
            memmove(storage, storage + start, remaining)
        }
        start = 0
        end = remaining
    }

    /// Enlarges the buffer towards `count` bytes: at most doubling at a time, and never beyond
    /// `count` plus one chunk of read-ahead.
    private func grow(toward count: Int) {
        let newCapacity = max(capacity + 1, min(capacity.multipliedReportingOverflow(by: 2).partialValue, count + chunkSize))
        let newStorage = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 16)
        if end - start > 0 {
            newStorage.copyMemory(from: storage + start, byteCount: end - start)
        }
        storage.deallocate()
        storage = newStorage
        capacity = newCapacity
        end -= start
        start = 0
    }

    /// For a non-blocking descriptor: blocks in `poll(2)` until data (or the end) arrives.
    private func waitUntilReadable() {
        var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while poll(&request, 1, -1) < 0, errno == EINTR {}
    }

    /// The `strerror` text for an `errno` value.
    static func describe(errorCode code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
