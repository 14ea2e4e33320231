/// The network and transport layers: IPv4 and IPv6 by one path, then TCP, UDP or ICMP, or a
/// tunnel protocol (`Dissector+Tunnels`).
extension Dissector {
    /// Decodes an IP header and its upper layer; returns the tunnelled layer within `bytes`, if any.
    func ipLayer(_ bytes: RawSpan, version4: Bool, result: inout Dissection) throws(DecodeError) -> NextLayer {
        let header = version4 ? IPLayerFacts(try IPv4Header(parsing: bytes)) : IPLayerFacts(try IPv6Header(parsing: bytes))
        var facts = header.facts
        facts.tunnelDepth = result.tunnels.count
        result.ip = facts
        // The transport of an outer packet is forgotten once an inner IP header is decoded.
        result.transport = nil
        result.isTruncated = result.isTruncated || header.isTruncated
        // A later fragment: no upper-layer header in it.
        if facts.isLaterFragment { return .done }
        let next = try transport(facts, bytes.extracting(header.payloadRange), result: &result)
        if !next.isDone, facts.isFragment {
            // A first fragment of a tunnel packet: the inner packet is incomplete.
            result.anomalies.append(.fragmentedTunnelPacket)
            return .done
        }
        return next.shifted(by: header.payloadRange.lowerBound)
    }

    /// Decodes the upper layer of an IP packet. Returns the next layer, within `payload`, when it is a tunnel.
    func transport(_ ip: IPFacts, _ payload: RawSpan, result: inout Dissection) throws(DecodeError) -> NextLayer {
        switch ip.protocolNumber {
        case .tcp:
            let header = try TCPHeader(parsing: payload)
            result.transport = .tcp(
                TCPFacts(
                    sourcePort: header.sourcePort, destinationPort: header.destinationPort, flags: header.flags,
                    sequenceNumber: header.sequenceNumber, acknowledgmentNumber: header.acknowledgmentNumber))
            return .done
        case .udp:
            return try udp(ip, payload, result: &result)
        case .icmp:
            try icmp(payload, version: .v4, result: &result)
            return .done
        case .icmpv6:
            try icmp(payload, version: .v6, result: &result)
            return .done
        case .ipv4, .ipv6:
            return ipInIP(ip, inner: ip.protocolNumber, payload, result: &result)
        case .gre:
            return try gre(ip, payload, result: &result)
        default:
            result.transport = .other(ip.protocolNumber)
            return .done
        }
    }

    /// A UDP datagram: an ordinary flow, or the carrier of a UDP tunnel.
    func udp(_ ip: IPFacts, _ payload: RawSpan, result: inout Dissection) throws(DecodeError) -> NextLayer {
        let header = try UDPHeader(parsing: payload)
        // A first fragment's UDP length describes the reassembled datagram, not this packet.
        result.isTruncated = result.isTruncated || (header.isTruncated && !ip.isFragment)
        let datagram = payload.extracting(header.payloadRange)
        result.transport = .udp(
            UDPFacts(
                sourcePort: header.sourcePort, destinationPort: header.destinationPort,
                payloadDigest: Self.leadingWord(datagram)))
        return try udpTunnel(ip, header, datagram, result: &result).shifted(by: header.payloadRange.lowerBound)
    }
}
