/// Helpers shared by the two Linux cooked headers.
enum LinkAddress {
    /// `ARPHRD_ETHER`: an Ethernet MAC.
    static let ethernetType: UInt16 = 1
    /// `ARPHRD_LOOPBACK`: the loopback device, which also carries (all-zero) MACs.
    static let loopbackType: UInt16 = 772
    static let macLength = 6
    /// The address field of both cooked headers holds 8 bytes.
    static let capacity = 8

    /// Packs the first `min(length, 8)` bytes at `offset` big-endian; the caller checked 8 bytes.
    static func packed(_ bytes: RawSpan, at offset: Int, length: Int) -> UInt64 {
        var value: UInt64 = 0
        for index in 0..<min(length, capacity) {
            value = value << 8 | UInt64(bytes.u8(at: offset + index))
        }
        return value
    }

    static func mac(_ bytes: RawSpan, at offset: Int, addressType: UInt16, length: Int) -> MACAddress? {
        guard addressType == ethernetType || addressType == loopbackType, length == macLength else { return nil }
        return MACAddress(bytes, at: offset)
    }
}
