/// The outer UDP checksum of a VXLAN packet: checked only when the sender filled it in (zero
/// means none), in one pass of 16-bit words over the datagram; no other packet pays for it.
extension Dissector {
    /// Judges the checksum of `segment` (the UDP header and payload) sent from `source` to
    /// `destination`.
    static func outerChecksum(_ udp: UDPHeader, segment: RawSpan, source: IPAddress, destination: IPAddress)
        -> OuterChecksum
    {
        guard udp.checksum != 0 else { return .absent }
        guard !udp.isTruncated, udp.length >= UDPHeader.Field.minimumHeader, segment.byteCount >= udp.length else {
            return .unverified
        }
        let pseudo = pseudoHeaderSum(source: source, destination: destination, length: udp.length)
        if fold(pseudo &+ wordSum(segment, length: udp.length)) == 0xffff { return .valid }
        // Partial offload: the field holds the folded pseudo-header sum, for the NIC to finish.
        let partial = fold(pseudo)
        return udp.checksum == partial || udp.checksum == ~partial ? .unfinished : .wrong
    }

    /// The one's-complement sum of the first `length` bytes, 64 bits at a time with the carries
    /// added back (a 64-bit word is congruent to the sum of its four 16-bit words modulo 0xffff),
    /// then the tail 16 bits at a time; unfolded.
    static func wordSum(_ bytes: RawSpan, length: Int) -> UInt64 {
        var sum: UInt64 = 0
        var carries: UInt64 = 0
        var offset = 0
        while offset + 8 <= length {
            let (added, overflow) = sum.addingReportingOverflow(bytes.be64(at: offset))
            sum = added
            if overflow { carries &+= 1 }
            offset += 8
        }
        var tail = UInt64(fold(sum)) &+ carries
        while offset + 1 < length {
            tail &+= UInt64(bytes.be16(at: offset))
            offset += 2
        }
        if offset < length { tail &+= UInt64(bytes.u8(at: offset)) << 8 }
        return tail
    }

    /// The one's-complement sum of the UDP pseudo-header, unfolded.
    static func pseudoHeaderSum(source: IPAddress, destination: IPAddress, length: Int) -> UInt64 {
        UInt64(IPProtocol.udp.rawValue) &+ UInt64(length) &+ addressSum(source) &+ addressSum(destination)
    }

    /// An address's 16-bit words, summed.
    static func addressSum(_ address: IPAddress) -> UInt64 {
        switch address {
        case .v4(let v4):
            return UInt64(v4.rawValue >> 16) &+ UInt64(v4.rawValue & 0xffff)
        case .v6(let v6):
            return wordSum(v6.high) &+ wordSum(v6.low)
        }
    }

    static func wordSum(_ half: UInt64) -> UInt64 {
        (half >> 48) &+ (half >> 32 & 0xffff) &+ (half >> 16 & 0xffff) &+ (half & 0xffff)
    }

    /// Folds a one's-complement sum to 16 bits.
    static func fold(_ value: UInt64) -> UInt16 {
        var sum = value
        while sum > 0xffff { sum = (sum & 0xffff) &+ (sum >> 16) }
        return UInt16(sum)
    }
}
