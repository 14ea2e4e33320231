/// The network and transport layers: IPv4 and IPv6 by one path, then TCP, UDP or ICMP, or a
/// tunnel protocol (`Dissector+Tunnels`).
extension Dissector {
    /// Decodes an IP header and its upper layer; returns the tunnelled layer within `bytes`, if any.
    @inline(__always)
    func ipLayer(_ bytes: RawSpan, version4: Bool, result: inout Dissection) throws(DecodeError) -> NextLayer {
        let depth = result.tunnels.count
        let header = version4
            ? IPLayerFacts(try IPv4Header(parsing: bytes), tunnelDepth: depth)
            : IPLayerFacts(try IPv6Header(parsing: bytes), tunnelDepth: depth)
        result.ip = header.facts
        if depth == 0 { result.outermostIPLength = header.facts.length }
        // The transport of an outer packet is forgotten once an inner IP header is decoded.
        if depth > 0 { result.transport = nil }
        result.isTruncated = result.isTruncated || header.isTruncated
        let fragment = header.facts.fragment
        // A later fragment: no upper-layer header in it.
        if fragment == .later { return .done }
        let next = try transport(
            header.facts.protocolNumber, isFragment: fragment != nil, bytes.extracting(header.payloadRange),
            claimedPayloadLength: header.facts.length - header.payloadRange.lowerBound, result: &result)
        if !next.isDone, fragment != nil {
            // A first fragment of a tunnel packet: the inner packet is incomplete.
            result.anomalies.append(.fragmentedTunnelPacket)
            return .done
        }
        return next.shifted(by: header.payloadRange.lowerBound)
    }

    /// Decodes the upper layer of the IP packet in `result.ip`. Returns the next layer, within
    /// `payload`, when it is a tunnel.
    func transport(
        _ protocolNumber: IPProtocol, isFragment: Bool, _ payload: RawSpan, claimedPayloadLength: Int,
        result: inout Dissection
    ) throws(DecodeError) -> NextLayer {
        switch protocolNumber {
        case .tcp:
            let header = try TCPHeader(parsing: payload)
            result.transport = .tcp(
                TCPFacts(
                    sourcePort: header.sourcePort, destinationPort: header.destinationPort, flags: header.flags,
                    sequenceNumber: header.sequenceNumber, acknowledgmentNumber: header.acknowledgmentNumber,
                    payloadLength: max(0, claimedPayloadLength - header.headerLength)))
            return .done
        case .udp:
            return try udp(isFragment: isFragment, payload, result: &result)
        case .icmp:
            try icmp(payload, version: .v4, result: &result)
            return .done
        case .icmpv6:
            try icmp(payload, version: .v6, result: &result)
            return .done
        case .ipv4, .ipv6:
            return ipInIP(inner: protocolNumber, payload, result: &result)
        case .gre:
            return try gre(payload, result: &result)
        default:
            result.transport = .other(protocolNumber)
            return .done
        }
    }

    /// A UDP datagram: an ordinary flow, or the carrier of a UDP tunnel.
    func udp(isFragment: Bool, _ payload: RawSpan, result: inout Dissection) throws(DecodeError) -> NextLayer {
        let header = try UDPHeader(parsing: payload)
        // A first fragment's UDP length describes the reassembled datagram, not this packet.
        result.isTruncated = result.isTruncated || (header.isTruncated && !isFragment)
        let datagram = payload.extracting(header.payloadRange)
        result.transport = .udp(
            UDPFacts(
                sourcePort: header.sourcePort, destinationPort: header.destinationPort,
                payloadDigest: Self.leadingWord(datagram)))
        let tunnels = result.tunnels.count
        let next = try udpTunnel(header, datagram, result: &result)
        if header.checksum != 0, result.tunnels.count > tunnels, result.tunnels.innermost?.kind == .vxlan,
            let tunnel = result.tunnels.innermost
        {
            let state = Self.outerChecksum(
                header, segment: payload, source: tunnel.outerSource, destination: tunnel.outerDestination)
            result.tunnels.updateInnermost { $0.outerChecksum = state }
        }
        return next.shifted(by: header.payloadRange.lowerBound)
    }

    /// The outer addresses of a tunnel: those of the IP header that carries it.
    func outerAddresses(_ result: Dissection) -> (source: IPAddress, destination: IPAddress)? {
        guard let ip = result.ip else { return nil }
        return (ip.source, ip.destination)
    }
}
