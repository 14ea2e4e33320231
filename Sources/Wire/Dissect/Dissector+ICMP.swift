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
        guard bytes.byteCount >= 1 else { return nil }
        var quoted: QuotedPacket
        var upperOffset: Int
        switch bytes.u8(at: 0) >> 4 {
        case 4:
            guard let header = try? IPv4Header(parsing: bytes) else { return nil }
            quoted = QuotedPacket(
                source: .v4(header.source), destination: .v4(header.destination), protocolNumber: header.protocolNumber)
            if header.isFragment && header.fragmentOffset != 0 { return quoted }
            upperOffset = header.headerLength
        case 6:
            guard let header = try? IPv6Header(parsing: bytes) else { return nil }
            quoted = QuotedPacket(
                source: .v6(header.source), destination: .v6(header.destination),
                protocolNumber: header.upperLayerProtocol)
            if header.isFragment && header.fragmentOffset != 0 { return quoted }
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
        return quoted
    }
}
