/// The cross-capture-point fingerprint of a dissection.
extension Dissector {
    /// Computes the fingerprint from fields that stay the same while a packet is routed,
    /// tunnelled and decapsulated (not TTL, not checksums, not link headers). Fields a packet does
    /// not have count as zero.
    func finish(_ result: inout Dissection) {
        guard let ip = result.ip else { return }
        var ports: UInt64 = 0
        var numbers: UInt64 = 0  // TCP sequence and acknowledgment numbers
        var kind: UInt64 = 0  // ICMP sequence number, TCP flags, ICMP type and code
        var payloadDigest: UInt64 = 0
        switch result.transport {
        case .tcp(let tcp):
            ports = UInt64(tcp.sourcePort) << 16 | UInt64(tcp.destinationPort)
            numbers = UInt64(tcp.sequenceNumber) << 32 | UInt64(tcp.acknowledgmentNumber)
            kind = UInt64(tcp.flags.rawValue) << 16
        case .udp(let udp):
            ports = UInt64(udp.sourcePort) << 16 | UInt64(udp.destinationPort)
            payloadDigest = udp.payloadDigest
        case .icmp(let icmp), .icmpv6(let icmp):
            // An echo's identifier fills both port slots, as in the flow key.
            if icmp.echo != nil { ports = UInt64(icmp.identifier) << 16 | UInt64(icmp.identifier) }
            kind = UInt64(icmp.sequenceNumber) << 32 | UInt64(icmp.type) << 8 | UInt64(icmp.code)
            payloadDigest = icmp.payloadDigest
        case .other, nil:
            break
        }
        var hash = FingerprintHasher()
        hash.combine(ip.source)
        hash.combine(ip.destination)
        hash.combine(UInt64(ip.protocolNumber.rawValue) << 32 | UInt64(ip.identification))
        hash.combine(UInt64(ip.length))
        hash.combine(ports)
        hash.combine(numbers)
        hash.combine(kind)
        hash.combine(payloadDigest)
        result.fingerprint = hash.value
    }
}
