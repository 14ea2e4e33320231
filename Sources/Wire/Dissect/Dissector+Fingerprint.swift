/// The cross-capture-point fingerprint of a dissection.
extension Dissector {
    /// Computes the fingerprint from fields that stay the same while a packet is routed,
    /// tunnelled and decapsulated (not TTL, not checksums, not link headers). Fields a packet does
    /// not have count as zero.
    func finish(_ result: inout Dissection) {
        guard let ip = result.ip else { return }
        let ports = result.transport?.ports
        var sequenceNumber: UInt32 = 0
        var acknowledgmentNumber: UInt32 = 0
        var flags = TCPFlags()
        var icmpSequenceNumber: UInt16 = 0
        var icmpType: UInt8 = 0
        var icmpCode: UInt8 = 0
        var payloadDigest: UInt64 = 0
        switch result.transport {
        case .tcp(let tcp):
            sequenceNumber = tcp.sequenceNumber
            acknowledgmentNumber = tcp.acknowledgmentNumber
            flags = tcp.flags
        case .udp(let udp):
            payloadDigest = udp.payloadDigest
        case .icmp(let icmp), .icmpv6(let icmp):
            icmpSequenceNumber = icmp.sequenceNumber
            icmpType = icmp.type
            icmpCode = icmp.code
            payloadDigest = icmp.payloadDigest
        case .other, nil:
            break
        }
        var hash = FingerprintHasher()
        hash.combine(ip.source)
        hash.combine(ip.destination)
        hash.combine(UInt64(ip.protocolNumber.rawValue) << 32 | UInt64(ip.identification))
        hash.combine(UInt64(ip.length))
        hash.combine(UInt64(ports?.source ?? 0) << 16 | UInt64(ports?.destination ?? 0))
        hash.combine(UInt64(sequenceNumber) << 32 | UInt64(acknowledgmentNumber))
        hash.combine(
            UInt64(icmpSequenceNumber) << 32 | UInt64(flags.rawValue) << 16 | UInt64(icmpType) << 8 | UInt64(icmpCode))
        hash.combine(payloadDigest)
        result.fingerprint = hash.value
    }
}
