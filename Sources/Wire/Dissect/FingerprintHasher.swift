/// A small deterministic 64-bit hash (FNV-1a over 64-bit words, then a final avalanche). It names
/// one packet across capture points; it is not used for hash tables exposed to input.
struct FingerprintHasher {
    private(set) var state: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func combine(_ word: UInt64) {
        state = (state ^ word) &* 0x0000_0100_0000_01b3
    }

    mutating func combine(_ address: IPAddress) {
        switch address {
        case .v4(let v4):
            combine(UInt64(v4.rawValue))
        case .v6(let v6):
            combine(v6.high)
            combine(v6.low)
        }
    }

    var value: UInt64 {
        var x = state
        x ^= x >> 33
        x = x &* 0xff51_afd7_ed55_8ccd
        x ^= x >> 33
        x = x &* 0xc4ce_b9fe_1a85_ec53
        x ^= x >> 33
        return x
    }
}
