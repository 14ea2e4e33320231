/// The byte order a pcap file or a pcapng section was written in.
///
/// Loads go through `RawSpan.unsafeLoadUnaligned`, which is bounds-checked even in optimised
/// builds; callers check lengths first, so the check is a safety net, not an error path.
enum ByteOrder: Sendable, Hashable {
    case little
    case big

    @inline(__always)
    func u16(_ span: RawSpan, at offset: Int) -> UInt16 {
        let raw = span.unsafeLoadUnaligned(fromByteOffset: offset, as: UInt16.self)
        return self == .big ? UInt16(bigEndian: raw) : UInt16(littleEndian: raw)
    }

    @inline(__always)
    func u32(_ span: RawSpan, at offset: Int) -> UInt32 {
        let raw = span.unsafeLoadUnaligned(fromByteOffset: offset, as: UInt32.self)
        return self == .big ? UInt32(bigEndian: raw) : UInt32(littleEndian: raw)
    }

    @inline(__always)
    func u64(_ span: RawSpan, at offset: Int) -> UInt64 {
        let raw = span.unsafeLoadUnaligned(fromByteOffset: offset, as: UInt64.self)
        return self == .big ? UInt64(bigEndian: raw) : UInt64(littleEndian: raw)
    }
}
