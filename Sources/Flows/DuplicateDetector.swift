/// Recognises the same packet seen at several capture points (`-i any` shows one pod packet on
/// the pod's veth, on tunl0 and on eth0; two node captures show it on both uplinks), so that it is
/// counted once. A copy at the *same* capture point is a new packet (a retransmission).
///
/// Memory is bounded: at most `capacity` fingerprints, each kept for `window` nanoseconds.
public struct DuplicateDetector: Sendable {
    struct Entry {
        var time: Int64
        var capturePoints: UInt64
    }

    public let window: Int64
    public let capacity: Int
    private var entries: [UInt64: Entry] = [:]
    private var ring: [(fingerprint: UInt64, time: Int64)]
    private var head = 0
    private var count = 0

    public init(window: Int64 = 2_000_000_000, capacity: Int = 1 << 18) {
        self.window = window
        self.capacity = max(16, capacity)
        self.ring = Array(repeating: (0, 0), count: max(16, capacity))
        entries.reserveCapacity(min(self.capacity, 1 << 16))
    }

    /// Whether this packet was already seen at another capture point within the window; records it.
    public mutating func isDuplicate(fingerprint: UInt64, capturePoint: Int, time: Int64) -> Bool {
        expire(before: time &- window)
        let bit: UInt64 = 1 << UInt64(capturePoint & 63)
        if var entry = entries[fingerprint], abs(time &- entry.time) <= window {
            if entry.capturePoints & bit == 0 {
                entry.capturePoints |= bit
                entries[fingerprint] = entry
                return true
            }
            // The same packet again at the same point: a new packet (retransmission).
            entries[fingerprint] = Entry(time: time, capturePoints: bit)
            append(fingerprint, time)
            return false
        }
        entries[fingerprint] = Entry(time: time, capturePoints: bit)
        append(fingerprint, time)
        return false
    }

    private mutating func append(_ fingerprint: UInt64, _ time: Int64) {
        if count == capacity { removeOldest() }
        ring[(head + count) % capacity] = (fingerprint, time)
        count += 1
    }

    private mutating func expire(before limit: Int64) {
        while count > 0 && ring[head].time < limit { removeOldest() }
    }

    private mutating func removeOldest() {
        let oldest = ring[head]
        if let entry = entries[oldest.fingerprint], entry.time == oldest.time {
            entries[oldest.fingerprint] = nil
        }
        head = (head + 1) % capacity
        count -= 1
    }
}
