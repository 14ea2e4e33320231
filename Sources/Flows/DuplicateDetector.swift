/// Recognises the same packet seen at several capture points (`-i any` shows one pod packet on
/// the pod's veth, on tunl0 and on eth0; two node captures show it on both uplinks), so that it is
/// counted once. A copy at the *same* capture point is a new packet (a retransmission).
///
/// Memory is fixed: an open-addressing table of `capacity` slots indexed by the fingerprint
/// itself (already a well-mixed 64-bit hash). An entry older than `window` is free; when a
/// probe run is full of live entries, the oldest of them is replaced. Each entry remembers the
/// exact ids of the first four capture points that saw the packet (a packet crosses at most
/// three or four interfaces of a node); a copy at a fifth point is taken as a duplicate.
public struct DuplicateDetector: Sendable {
    struct Slot {
        var fingerprint: UInt64
        var time: Int64
        /// Four 16-bit capture point ids; `emptyPoint` marks an unused one.
        var points: UInt64

        static let emptyPoint: UInt64 = 0xffff
        static let noPoints: UInt64 = ~0

        func contains(_ point: UInt64) -> Bool {
            for shift in stride(from: 0, to: 64, by: 16) where (points >> UInt64(shift)) & 0xffff == point {
                return true
            }
            return false
        }

        /// Adds a point id in the first free field; false when all four are used.
        mutating func insert(_ point: UInt64) -> Bool {
            for shift in stride(from: 0, to: 64, by: 16) where (points >> UInt64(shift)) & 0xffff == Self.emptyPoint {
                points = points & ~(0xffff << UInt64(shift)) | point << UInt64(shift)
                return true
            }
            return false
        }

        static func with(_ point: UInt64) -> UInt64 {
            noPoints & ~0xffff | point
        }
    }

    public let window: Int64
    public let capacity: Int
    var slots: [Slot]
    private let mask: Int
    static let probeLength = 8

    /// `capacity` is rounded up to a power of two (at least 16).
    public init(window: Int64 = 2_000_000_000, capacity: Int = 1 << 18) {
        var size = 16
        while size < capacity && size < 1 << 30 { size <<= 1 }
        self.window = window
        self.capacity = size
        self.mask = size - 1
        self.slots = []
    }

    /// Whether this packet was already seen at another capture point within the window; records it.
    public mutating func isDuplicate(fingerprint: UInt64, capturePoint: Int, time: Int64) -> Bool {
        // Ids are kept in 16 bits; 0xffff means "none", so larger ids share the last usable value.
        if slots.isEmpty {
            // Allocated on first use: a single capture point never needs the table.
            slots = Array(repeating: Slot(fingerprint: 0, time: .min, points: Slot.noPoints), count: capacity)
        }
        let point = UInt64(min(max(capturePoint, 0), 0xfffe))
        let start = Int(truncatingIfNeeded: fingerprint) & mask
        var victim = start
        var victimTime = Int64.max
        for step in 0..<Self.probeLength {
            let index = (start + step) & mask
            let slot = slots[index]
            let live = slot.points != Slot.noPoints && Self.distance(time, slot.time) <= window
            if live && slot.fingerprint == fingerprint {
                if !slot.contains(point) {
                    _ = slots[index].insert(point)
                    return true
                }
                // The same packet again at the same point: a new packet (retransmission).
                slots[index] = Slot(fingerprint: fingerprint, time: time, points: Slot.with(point))
                return false
            }
            let age = live ? slot.time : Int64.min
            if age < victimTime {
                victim = index
                victimTime = age
            }
        }
        slots[victim] = Slot(fingerprint: fingerprint, time: time, points: Slot.with(point))
        return false
    }

    static func distance(_ a: Int64, _ b: Int64) -> Int64 {
        let (difference, overflow) = a.subtractingReportingOverflow(b)
        if overflow { return .max }
        return difference < 0 ? (difference == .min ? .max : -difference) : difference
    }
}
