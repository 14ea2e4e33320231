/// A 48-bit IEEE MAC address, stored in the low 48 bits of `rawValue`.
public struct MACAddress: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public var rawValue: UInt64
    public init(rawValue: UInt64) { self.rawValue = rawValue & 0xffff_ffff_ffff }

    /// Reads six bytes at `offset`; the caller has checked the length.
    @inlinable
    public init(_ bytes: RawSpan, at offset: Int) {
        let high = UInt64(bytes.be16(at: offset))
        let low = UInt64(bytes.be32(at: offset + 2))
        self.rawValue = high << 32 | low
    }

    public static let zero = MACAddress(rawValue: 0)

    public var firstByte: UInt8 { UInt8(truncatingIfNeeded: rawValue >> 40) }

    public var isMulticast: Bool { firstByte & 1 == 1 }

    public var description: String {
        (0..<6).map { index -> String in
            let byte = UInt8(truncatingIfNeeded: rawValue >> UInt64(40 - 8 * index))
            return byte < 16 ? "0" + String(byte, radix: 16) : String(byte, radix: 16)
        }.joined(separator: ":")
    }

    public static func < (lhs: MACAddress, rhs: MACAddress) -> Bool { lhs.rawValue < rhs.rawValue }
}
