/// ICMP and ICMPv6 by one path: echo identifiers, and the packet an error quotes.
extension Dissector {
    /// Offsets in the upper-layer header of a quoted packet, from its start.
    enum QuotedField {
        static let sourcePort = 0
        static let destinationPort = 2
        /// Both ports of a quoted TCP or UDP header.
        static let portsLength = 4
        /// Type, code, checksum, identifier and sequence of a quoted ICMP echo.
        static let echoType = 0
        static let echoIdentifier = 4
        static let echoLength = 8
    }

    func icmp(_ payload: RawSpan, version: ICMPVersion, result: inout Dissection) throws(DecodeError) {
        let header = try ICMPHeader(parsing: payload, version: version)
        let body = payload.extracting(header.payloadRange)
        var facts = ICMPFacts(
            type: header.type, code: header.code, identifier: header.identifier, sequenceNumber: header.sequenceNumber,
            payloadDigest: Self.leadingWord(body))
        if header.isEchoRequest {
            facts.echo = .request
        } else if header.isEchoReply {
            facts.echo = .reply
        } else if header.isError {
            facts.quoted = quotedPacket(body)
        }
        result.transport = version == .v4 ? .icmp(facts) : .icmpv6(facts)
    }

    /// Reads the addresses and ports of the packet an ICMP error quotes. The quote is usually cut
    /// after eight bytes of the upper layer, so this reads fields directly rather than requiring
    /// complete headers. Returns nil when not even the quoted IP header is there.
    func quotedPacket(_ bytes: RawSpan) -> QuotedPacket? {
        guard var (quoted, upper) = quotedHeaders(bytes) else { return nil }
        // A quoted tunnel packet (a router's error about a node's IP-in-IP or VXLAN packet): the
        // error is about the inner packet's flow, when enough of it is quoted.
        let (innerRange, tunnel) = quotedTunnelPayload(quoted, upper: upper, bytes)
        if let innerRange, let tunnel, var (inner, _) = quotedHeaders(bytes.extracting(innerRange)) {
            inner.length = quoted.length
            inner.tunnel = tunnel
            quoted = inner
        }
        return quoted
    }

    /// Where the inner IP header of a quoted IP-in-IP or VXLAN packet lies, and the tunnel.
    func quotedTunnelPayload(_ quoted: QuotedPacket, upper: Int, _ bytes: RawSpan) -> (Range<Int>?, EncapsulationKind?) {
        guard upper > 0, upper <= bytes.byteCount else { return (nil, nil) }
        switch quoted.protocolNumber {
        case .ipv4, .ipv6:
            return (upper..<bytes.byteCount, .ipInIP)
        case .udp where options.vxlanPorts.contains(quoted.destinationPort):
            let inner = upper + UDPHeader.Field.minimumHeader + VXLANProbe.innerPayload
            guard inner < bytes.byteCount,
                bytes.u8(at: upper + UDPHeader.Field.minimumHeader + VXLANHeader.Field.flags)
                    & VXLANHeader.Field.vniFlag != 0
            else { return (nil, nil) }
            let etherType = EtherType(rawValue: bytes.be16(at: upper + UDPHeader.Field.minimumHeader + VXLANProbe.innerEtherType))
            guard etherType == .ipv4 || etherType == .ipv6 else { return (nil, nil) }
            return (inner..<bytes.byteCount, .vxlan)
        default:
            return (nil, nil)
        }
    }

    /// The addresses, protocol, length and ports of a quoted IP packet, and where its upper layer
    /// starts (0 for a later fragment).
    func quotedHeaders(_ bytes: RawSpan) -> (QuotedPacket, upper: Int)? {
        guard bytes.byteCount >= 1 else { return nil }
        var quoted: QuotedPacket
        var upperOffset: Int
        switch bytes.u8(at: 0) >> 4 {
        case 4:
            guard let header = try? IPv4Header(parsing: bytes) else { return nil }
            quoted = QuotedPacket(
                source: .v4(header.source), destination: .v4(header.destination), protocolNumber: header.protocolNumber)
            quoted.length = header.totalLength
            if header.isFragment && header.fragmentOffset != 0 { return (quoted, 0) }
            upperOffset = header.headerLength
        case 6:
            guard let header = try? IPv6Header(parsing: bytes) else { return nil }
            quoted = QuotedPacket(
                source: .v6(header.source), destination: .v6(header.destination),
                protocolNumber: header.upperLayerProtocol)
            quoted.length = header.ipLength
            if header.isFragment && header.fragmentOffset != 0 { return (quoted, 0) }
            upperOffset = header.headerLength
        default:
            return nil
        }
        let available = bytes.byteCount - upperOffset
        switch quoted.protocolNumber {
        case .tcp, .udp:
            if available >= QuotedField.portsLength {
                quoted.sourcePort = bytes.be16(at: upperOffset + QuotedField.sourcePort)
                quoted.destinationPort = bytes.be16(at: upperOffset + QuotedField.destinationPort)
            }
        case .icmp, .icmpv6:
            if available >= QuotedField.echoLength {
                let version: ICMPVersion = quoted.protocolNumber == .icmp ? .v4 : .v6
                if version.isEcho(bytes.u8(at: upperOffset + QuotedField.echoType)) {
                    let identifier = bytes.be16(at: upperOffset + QuotedField.echoIdentifier)
                    quoted.sourcePort = identifier
                    quoted.destinationPort = identifier
                }
            }
        default:
            break
        }
        return (quoted, upperOffset)
    }
}
