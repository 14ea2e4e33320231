extension DuplicateDetector {
    /// Adds the packets `other` remembers, so that a copy arriving later at either is recognised.
    /// Detectors of shards by flow key hold disjoint packets; one packet in both keeps the later
    /// sighting and the capture points of both (up to four).
    public mutating func merge(_ other: DuplicateDetector) {
        guard !other.slots.isEmpty else { return }
        if slots.isEmpty {
            slots = Array(repeating: Slot(fingerprint: 0, time: .min, points: Slot.noPoints), count: capacity)
        }
        for slot in other.slots where slot.points != Slot.noPoints {
            insert(slot)
        }
    }

    private mutating func insert(_ slot: Slot) {
        let start = Int(truncatingIfNeeded: slot.fingerprint) & (capacity - 1)
        var victim = start
        var victimTime = Int64.max
        for step in 0..<Self.probeLength {
            let index = (start + step) & (capacity - 1)
            let existing = slots[index]
            let used = existing.points != Slot.noPoints
            if used && existing.fingerprint == slot.fingerprint {
                slots[index].time = max(existing.time, slot.time)
                for shift in stride(from: 0, to: 64, by: 16) {
                    let point = (slot.points >> UInt64(shift)) & 0xffff
                    if point != Slot.emptyPoint && !slots[index].contains(point) { _ = slots[index].insert(point) }
                }
                return
            }
            let age = used ? existing.time : Int64.min
            if age < victimTime {
                victim = index
                victimTime = age
            }
        }
        if victimTime <= slot.time { slots[victim] = slot }
    }
}
