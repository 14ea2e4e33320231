/// The BSD loopback header (LINKTYPE_NULL 0, LINKTYPE_LOOP 108): a 4-byte address family.
///
/// For NULL the family is in the byte order of the machine that wrote the file; for LOOP it is
/// always big-endian. Address families differ between systems: `AF_INET` is 2 everywhere, and
/// `AF_INET6` is 10 (Linux), 24 (OpenBSD, NetBSD), 28 (FreeBSD) or 30 (Darwin).
public struct LoopbackHeader: Sendable, Hashable, CustomStringConvertible {
    enum Field {
        static let family = 0
        static let minimumHeader = 4
        /// A little-endian read below this is taken as the writer's byte order.
        static let familyLimit: UInt32 = 256
        static let inet: UInt32 = 2
        static let inet6: Set<UInt32> = [10, 24, 28, 30]
    }

    /// The address family, in host order.
    public let family: UInt32
    /// `.ipv4` for `AF_INET`, `.ipv6` for any system's `AF_INET6`, else nil.
    public let etherType: EtherType?
    /// Always 4.
    public let headerLength: Int
    /// The captured byte count.
    public let payloadEnd: Int

    public var payloadRange: Range<Int> { headerLength..<payloadEnd }

    /// - Parameter bigEndianOnly: true for LINKTYPE_LOOP (108); false for LINKTYPE_NULL (0),
    ///   where the family is read little-endian if that gives a value below 256, else big-endian.
    public init(parsing bytes: RawSpan, bigEndianOnly: Bool) throws(DecodeError) {
        let count = bytes.byteCount
        guard count >= Field.minimumHeader else {
            throw .truncated(.loopback, needed: Field.minimumHeader, available: count)
        }
        let bigEndian = bytes.be32(at: Field.family)
        let littleEndian = bytes.le32(at: Field.family)
        let value = bigEndianOnly || littleEndian >= Field.familyLimit ? bigEndian : littleEndian
        family = value
        if value == Field.inet {
            etherType = .ipv4
        } else if Field.inet6.contains(value) {
            etherType = .ipv6
        } else {
            etherType = nil
        }
        headerLength = Field.minimumHeader
        payloadEnd = count
    }

    /// `Loopback family 30 IPv6`
    public var description: String {
        "Loopback family \(family) " + (etherType.map { $0.description } ?? "unknown")
    }
}
