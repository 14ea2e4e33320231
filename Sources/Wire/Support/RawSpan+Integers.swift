/// Bounds-checked big-endian reads from captured bytes.
///
/// `unsafeLoadUnaligned` is bounds-checked even in optimised builds (an out-of-range offset
/// traps rather than reading adjacent memory). Header initialisers check lengths before any
/// read, so these never trap on input; the check is a safety net, not an error path.
extension RawSpan {
    @inlinable @inline(__always)
    public func u8(at offset: Int) -> UInt8 {
        unsafeLoadUnaligned(fromByteOffset: offset, as: UInt8.self)
    }

    @inlinable @inline(__always)
    public func be16(at offset: Int) -> UInt16 {
        UInt16(bigEndian: unsafeLoadUnaligned(fromByteOffset: offset, as: UInt16.self))
    }

    @inlinable @inline(__always)
    public func be24(at offset: Int) -> UInt32 {
        UInt32(u8(at: offset)) << 16 | UInt32(u8(at: offset + 1)) << 8 | UInt32(u8(at: offset + 2))
    }

    @inlinable @inline(__always)
    public func be32(at offset: Int) -> UInt32 {
        UInt32(bigEndian: unsafeLoadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    @inlinable @inline(__always)
    public func be64(at offset: Int) -> UInt64 {
        UInt64(bigEndian: unsafeLoadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    @inlinable @inline(__always)
    public func le16(at offset: Int) -> UInt16 {
        UInt16(littleEndian: unsafeLoadUnaligned(fromByteOffset: offset, as: UInt16.self))
    }

    @inlinable @inline(__always)
    public func le32(at offset: Int) -> UInt32 {
        UInt32(littleEndian: unsafeLoadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }
}
