import Wire

/// The flow table's index: open addressing with linear probing from a flow key to its position
/// in the table's records. Eight bytes a slot (the position and 32 bits of the key's hash, so a
/// probe compares records only on a likely match), at most half full: about 16 to 32 bytes per
/// flow, against a `Dictionary`'s 100 or more for the same key. The hash is a fixed multiply-mix
/// of the packed 5-tuple: no per-process seed, so a table is the same in every run.
struct FlowIndex: Sendable {
    /// Per slot: the high 32 bits are the key's hash tag, the low 32 the position + 1 (0: empty).
    private var slots: [UInt64]
    private var mask: Int
    private(set) var count = 0

    init(expectedFlows: Int = 0) {
        var capacity = 16
        while capacity < expectedFlows * 2 { capacity <<= 1 }
        slots = Array(repeating: 0, count: capacity)
        mask = capacity - 1
    }

    /// A well-mixed hash of a canonical key; the same for both directions of a flow, since the
    /// key itself is direction-free. Also the shard of a flow across worker threads.
    static func hash(_ key: FlowKey) -> UInt64 {
        var word: UInt64
        switch (key.lower.address, key.upper.address) {
        case (.v4(let a), .v4(let b)):
            word = UInt64(a.rawValue) << 32 | UInt64(b.rawValue)
        case (.v6(let a), .v6(let b)):
            word = mix(a.high ^ mix(a.low)) ^ mix(b.high &+ mix(b.low ^ 0x5555))
        case (.v4(let a), .v6(let b)):
            word = UInt64(a.rawValue) ^ mix(b.high ^ mix(b.low))
        case (.v6(let a), .v4(let b)):
            word = mix(a.high ^ mix(a.low)) ^ UInt64(b.rawValue) << 32
        }
        let ports = UInt64(key.lower.port) << 24 | UInt64(key.upper.port) << 8 | UInt64(key.protocolNumber.rawValue)
        return mix(word ^ mix(ports &+ 0x9e37_79b9_7f4a_7c15))
    }

    /// A 64-bit finaliser (MurmurHash3's fmix64).
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 33)) &* 0xff51_afd7_ed55_8ccd
        z = (z ^ (z >> 33)) &* 0xc4ce_b9fe_1a85_ec53
        return z ^ (z >> 33)
    }

    /// The position of `key`, given its `hash`; `isKey(position)` confirms a candidate.
    @inline(__always)
    func find(hash: UInt64, isKey: (Int) -> Bool) -> Int? {
        let tag = hash >> 32
        var slot = Self.slot(ofTag: tag, mask: mask)
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            if entry >> 32 == tag, isKey(Int(entry & 0xffff_ffff) - 1) { return Int(entry & 0xffff_ffff) - 1 }
            slot = (slot + 1) & mask
        }
    }

    /// Adds a key known to be absent, at `position`.
    mutating func insert(hash: UInt64, position: Int) {
        if (count + 1) * 2 > slots.count { grow() }
        place((hash >> 32) << 32 | UInt64(position + 1))
        count += 1
    }

    private mutating func place(_ entry: UInt64) {
        // The home slot is derived from the tag alone, so entries can be re-placed when the
        // table grows without their keys.
        var slot = Self.slot(ofTag: entry >> 32, mask: mask)
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = entry
    }

    @inline(__always)
    private static func slot(ofTag tag: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: mix(tag)) & mask
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: 0, count: old.count * 2)
        mask = slots.count - 1
        for entry in old where entry != 0 { place(entry) }
    }

    /// Changes the position stored for the key at `from` (with `hash`) to `to`.
    mutating func move(hash: UInt64, from: Int, to: Int) {
        guard let slot = slot(hash: hash, position: from) else { return }
        slots[slot] = (hash >> 32) << 32 | UInt64(to + 1)
    }

    /// Removes the key at `position` (with `hash`), shifting later entries of its probe run back.
    mutating func remove(hash: UInt64, position: Int) {
        guard var hole = slot(hash: hash, position: position) else { return }
        slots[hole] = 0
        count -= 1
        var next = (hole + 1) & mask
        while slots[next] != 0 {
            let home = Self.slot(ofTag: slots[next] >> 32, mask: mask)
            // Move the entry into the hole when its home is not in (hole, next] cyclically.
            let distanceToNext = (next - home) & mask
            let distanceToHole = (hole - home) & mask
            if distanceToHole < distanceToNext {
                slots[hole] = slots[next]
                slots[next] = 0
                hole = next
            }
            next = (next + 1) & mask
        }
    }

    private func slot(hash: UInt64, position: Int) -> Int? {
        let entry = (hash >> 32) << 32 | UInt64(position + 1)
        var slot = Self.slot(ofTag: hash >> 32, mask: mask)
        while slots[slot] != 0 {
            if slots[slot] == entry { return slot }
            slot = (slot + 1) & mask
        }
        return nil
    }
}
