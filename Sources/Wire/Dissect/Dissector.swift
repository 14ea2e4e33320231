/// Walks a captured packet from its link layer to the innermost transport header.
///
/// Dispatch is a `switch` over the next layer, with tunnels pushed onto an ordered stack (outer to
/// inner). The walk is total: every problem becomes an anomaly name in the result, never a trap,
/// and the loop is bounded by the encapsulation depth and a hard step limit.
public struct Dissector: Sendable {
    public var options: DissectOptions

    public init(options: DissectOptions = DissectOptions()) {
        self.options = options
    }

    enum NextLayer {
        case ethernet
        case ipv4
        case ipv6
        case arp
        case done
    }

    /// Hard bound on layers walked, whatever the input (each tunnel adds at most three).
    static let maximumSteps = 48

    public func dissect(_ bytes: RawSpan, linkType: LinkType) -> Dissection {
        var result = Dissection()
        var current = bytes
        var next: NextLayer
        do throws(DecodeError) {
            switch linkType {
            case .ethernet:
                let frame = try EthernetFrame(parsing: current)
                result.linkSourceMAC = frame.source
                result.linkDestinationMAC = frame.destination
                result.vlan = frame.outerVLAN
                next = layer(for: frame.etherType, result: &result)
                current = current.extracting(frame.payloadRange)
            case .linuxSLL:
                let header = try LinuxSLLHeader(parsing: current)
                result.cookedAddressType = header.addressType
                result.cookedPacketType = UInt8(truncatingIfNeeded: header.packetType)
                result.linkSourceMAC = header.sourceMAC
                next = layer(for: header.protocolType, result: &result)
                current = current.extracting(header.payloadRange)
            case .linuxSLL2:
                let header = try LinuxSLL2Header(parsing: current)
                result.cookedAddressType = header.addressType
                result.cookedPacketType = header.packetType
                result.cookedInterfaceIndex = header.interfaceIndex
                result.linkSourceMAC = header.sourceMAC
                next = layer(for: header.protocolType, result: &result)
                current = current.extracting(header.payloadRange)
            case .null, .loop:
                let header = try LoopbackHeader(parsing: current, bigEndianOnly: linkType == .loop)
                if let etherType = header.etherType {
                    next = layer(for: etherType, result: &result)
                } else {
                    result.problem = .loopbackUnknownFamily
                    next = .done
                }
                current = current.extracting(header.payloadRange)
            case .ipv4:
                next = .ipv4
            case .ipv6:
                next = .ipv6
            case .raw, .rawLegacy12, .rawLegacy14:
                next = rawIPLayer(current, result: &result)
            default:
                result.problem = .unsupportedLinkType
                next = .done
            }
            var steps = 0
            while steps < Self.maximumSteps {
                steps += 1
                switch next {
                case .done:
                    finish(&result)
                    return result
                case .arp:
                    let packet = try ARPPacket(parsing: current)
                    result.arpSenderAddress = packet.senderAddress
                    result.arpSenderMAC = packet.senderMAC
                    finish(&result)
                    return result
                case .ethernet:
                    let frame = try EthernetFrame(parsing: current)
                    result.encapsulations.updateInnermost {
                        $0.innerSourceMAC = frame.source
                        $0.innerDestinationMAC = frame.destination
                    }
                    next = layer(for: frame.etherType, result: &result)
                    current = current.extracting(frame.payloadRange)
                case .ipv4, .ipv6:
                    let facts = next == .ipv4
                        ? IPLayerFacts(try IPv4Header(parsing: current)) : IPLayerFacts(try IPv6Header(parsing: current))
                    result.hasIP = true
                    result.ipDepth = result.encapsulations.count
                    result.source = facts.source
                    result.destination = facts.destination
                    result.protocolNumber = facts.protocolNumber
                    result.ipLength = facts.ipLength
                    result.identification = facts.identification
                    result.timeToLive = facts.timeToLive
                    result.isFragment = facts.isFragment
                    result.isFirstFragment = facts.isFragment && facts.fragmentOffset == 0
                    result.isTruncated = result.isTruncated || facts.isTruncated
                    result.resetTransport()
                    current = current.extracting(facts.payloadRange)
                    if facts.isFragment && facts.fragmentOffset != 0 {
                        // A later fragment: no upper-layer header in it.
                        finish(&result)
                        return result
                    }
                    let (following, inner) = try transport(facts.protocolNumber, current, result: &result)
                    next = following
                    if next != .done, facts.isFragment {
                        // A first fragment of a tunnel packet: the inner packet is incomplete.
                        result.problem = .fragmentedTunnelPacket
                        finish(&result)
                        return result
                    }
                    if next != .done { current = current.extracting(inner) }
                }
            }
            result.problem = .dissectorStepLimit
            finish(&result)
            return result
        } catch {
            result.problem = .decode(error)
            if error.isTruncation { result.isTruncated = true }
            finish(&result)
            return result
        }
    }

    /// Maps an EtherType to the next layer; unsupported types end the walk with a named anomaly
    /// only when they are tunnel payloads (plain non-IP traffic on a link is normal).
    func layer(for etherType: EtherType, result: inout Dissection) -> NextLayer {
        switch etherType {
        case .ipv4: return .ipv4
        case .ipv6: return .ipv6
        case .arp: return .arp
        case .transparentEthernetBridging: return .ethernet
        default:
            // Non-IP payloads (ARP inside VXLAN, STP, WCCP over GRE) are normal: no flow, no anomaly.
            return .done
        }
    }

    /// Raw IP link types carry IPv4 or IPv6 with nothing before them: the version nibble decides.
    func rawIPLayer(_ bytes: RawSpan, result: inout Dissection) -> NextLayer {
        guard bytes.byteCount >= 1 else {
            result.problem = .truncatedRawIP
            result.isTruncated = true
            return .done
        }
        switch bytes.u8(at: 0) >> 4 {
        case 4: return .ipv4
        case 6: return .ipv6
        default:
            result.problem = .rawIPBadVersion
            return .done
        }
    }

    /// Decodes the upper layer of an IP packet. Returns the next layer when it is a tunnel.
    /// The range is where the next layer lies within `payload` (only meaningful for a tunnel).
    func transport(_ protocolNumber: IPProtocol, _ payload: RawSpan, result: inout Dissection) throws(DecodeError) -> (NextLayer, Range<Int>) {
        let whole = 0..<payload.byteCount
        switch protocolNumber {
        case .tcp:
            let header = try TCPHeader(parsing: payload)
            result.hasPorts = true
            result.sourcePort = header.sourcePort
            result.destinationPort = header.destinationPort
            result.tcpFlags = header.flags
            result.tcpSequenceNumber = header.sequenceNumber
            result.tcpAcknowledgmentNumber = header.acknowledgmentNumber
            return (.done, whole)
        case .udp:
            let header = try UDPHeader(parsing: payload)
            result.hasPorts = true
            result.sourcePort = header.sourcePort
            result.destinationPort = header.destinationPort
            // A first fragment's UDP length describes the reassembled datagram, not this packet.
            result.isTruncated = result.isTruncated || (header.isTruncated && !result.isFragment)
            let datagram = payload.extracting(header.payloadRange)
            result.payloadDigest = Self.leadingWord(datagram)
            let (next, inner) = try udpTunnel(header, datagram, result: &result)
            let start = header.payloadRange.lowerBound
            return (next, (start + inner.lowerBound)..<(start + inner.upperBound))
        case .icmp, .icmpv6:
            let message = protocolNumber == .icmp
                ? ICMPFacts(try ICMPHeader(parsing: payload)) : ICMPFacts(try ICMPv6Header(parsing: payload))
            let body = payload.extracting(message.headerLength..<payload.byteCount)
            result.icmpType = message.type
            result.icmpCode = message.code
            result.icmpSequenceNumber = message.sequenceNumber
            result.payloadDigest = Self.leadingWord(body)
            if message.isEchoRequest || message.isEchoReply {
                result.hasPorts = true
                result.sourcePort = message.identifier
                result.destinationPort = message.identifier
                result.icmpEchoRequest = message.isEchoRequest
            } else if message.isError {
                result.quoted = quotedPacket(body)
            }
            return (.done, whole)
        case .ipv4, .ipv6:
            let outer = Encapsulation(kind: .ipInIP, outerSource: result.source, outerDestination: result.destination)
            guard push(outer, result: &result) else { return (.done, whole) }
            return (protocolNumber == .ipv4 ? .ipv4 : .ipv6, whole)
        case .gre:
            let header = try GREHeader(parsing: payload)
            var outer = Encapsulation(kind: .gre, outerSource: result.source, outerDestination: result.destination)
            outer.networkIdentifier = header.key
            guard push(outer, result: &result) else { return (.done, whole) }
            let next = layer(for: header.protocolType, result: &result)
            return (next == .arp ? .done : next, header.payloadRange)
        default:
            return (.done, whole)
        }
    }

    /// VXLAN, Geneve and WireGuard ride on UDP; everything else is an ordinary UDP flow.
    func udpTunnel(_ udp: UDPHeader, _ datagram: RawSpan, result: inout Dissection) throws(DecodeError) -> (NextLayer, Range<Int>) {
        let destinationPort = udp.destinationPort
        let whole = 0..<datagram.byteCount
        if options.vxlanPorts.contains(destinationPort) {
            return try vxlan(udp, datagram, detectedByHeader: false, result: &result)
        }
        if options.genevePorts.contains(destinationPort) {
            let header = try GeneveHeader(parsing: datagram)
            var outer = Encapsulation(
                kind: .geneve, outerSource: result.source, outerDestination: result.destination,
                outerSourcePort: udp.sourcePort, outerDestinationPort: destinationPort, networkIdentifier: header.vni)
            outer.detectedByHeader = false
            guard push(outer, result: &result) else { return (.done, whole) }
            let next = layer(for: header.protocolType, result: &result)
            return (next == .arp ? .done : next, header.payloadRange)
        }
        if options.wireguardPorts.contains(destinationPort) || options.wireguardPorts.contains(udp.sourcePort) {
            if (try? WireGuardMessage(parsing: datagram)) != nil {
                result.isWireGuard = true
            }
            return (.done, whole)
        }
        if options.detectsVXLANByHeader, Self.looksLikeVXLAN(datagram) {
            return try vxlan(udp, datagram, detectedByHeader: true, result: &result)
        }
        return (.done, whole)
    }

    func vxlan(_ udp: UDPHeader, _ datagram: RawSpan, detectedByHeader: Bool, result: inout Dissection) throws(DecodeError) -> (NextLayer, Range<Int>) {
        let header = try VXLANHeader(parsing: datagram)
        if !header.hasVNI {
            result.irregularity = .vxlanIFlagClear
        } else if header.reservedBitsSet {
            result.irregularity = .vxlanReservedBitsSet
        }
        let outer = Encapsulation(
            kind: .vxlan, outerSource: result.source, outerDestination: result.destination,
            outerSourcePort: udp.sourcePort, outerDestinationPort: udp.destinationPort,
            networkIdentifier: header.vni, detectedByHeader: detectedByHeader)
        guard push(outer, result: &result) else { return (.done, 0..<datagram.byteCount) }
        return (.ethernet, header.payloadRange)
    }

    /// A VXLAN header (I flag only, reserved bytes zero) followed by an Ethernet frame whose
    /// EtherType is IPv4 or IPv6 with an agreeing IP version nibble, or an Ethernet/IPv4 ARP. A random UDP payload passes
    /// this with probability well under 2^-60.
    static func looksLikeVXLAN(_ datagram: RawSpan) -> Bool {
        guard datagram.byteCount >= 8 + 14 + 20 else { return false }
        guard datagram.u8(at: 0) == 0x08, datagram.u8(at: 1) == 0, datagram.u8(at: 2) == 0,
            datagram.u8(at: 3) == 0, datagram.u8(at: 7) == 0
        else { return false }
        let etherType = datagram.be16(at: 8 + 12)
        let versionIHL = datagram.u8(at: 8 + 14)
        switch etherType {
        case 0x0800: return versionIHL >> 4 == 4 && versionIHL & 0x0f >= 5
        case 0x86dd: return versionIHL >> 4 == 6
        case 0x0806:
            // ARP for IPv4 over Ethernet: hardware 1, protocol 0x0800, lengths 6 and 4.
            return datagram.be16(at: 22) == 1 && datagram.be16(at: 24) == 0x0800 && datagram.u8(at: 26) == 6
                && datagram.u8(at: 27) == 4
        default: return false
        }
    }

    /// The first eight bytes (fewer when shorter), packed big-endian.
    static func leadingWord(_ bytes: RawSpan) -> UInt64 {
        var word: UInt64 = 0
        for index in 0..<min(8, bytes.byteCount) {
            word = word << 8 | UInt64(bytes.u8(at: index))
        }
        return word
    }

    func push(_ encapsulation: Encapsulation, result: inout Dissection) -> Bool {
        guard result.encapsulations.count < options.maximumEncapsulationDepth,
            result.encapsulations.push(encapsulation)
        else {
            result.problem = .encapsulationDepthExceeded
            return false
        }
        return true
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
                source: .v4(header.source), destination: .v4(header.destination),
                protocolNumber: header.protocolNumber, sourcePort: 0, destinationPort: 0)
            if header.isFragment && header.fragmentOffset != 0 { return quoted }
            upperOffset = header.headerLength
        case 6:
            guard let header = try? IPv6Header(parsing: bytes) else { return nil }
            quoted = QuotedPacket(
                source: .v6(header.source), destination: .v6(header.destination),
                protocolNumber: header.upperLayerProtocol, sourcePort: 0, destinationPort: 0)
            if header.isFragment && header.fragmentOffset != 0 { return quoted }
            upperOffset = header.headerLength
        default:
            return nil
        }
        let available = bytes.byteCount - upperOffset
        switch quoted.protocolNumber {
        case .tcp, .udp:
            if available >= 4 {
                quoted.sourcePort = bytes.be16(at: upperOffset)
                quoted.destinationPort = bytes.be16(at: upperOffset + 2)
            }
        case .icmp, .icmpv6:
            if available >= 8 {
                let type = bytes.u8(at: upperOffset)
                let isEcho = quoted.protocolNumber == .icmp ? (type == 8 || type == 0) : (type == 128 || type == 129)
                if isEcho {
                    let identifier = bytes.be16(at: upperOffset + 4)
                    quoted.sourcePort = identifier
                    quoted.destinationPort = identifier
                }
            }
        default:
            break
        }
        return quoted
    }

    /// Computes the cross-capture-point fingerprint: fields that stay the same while a packet is
    /// routed, tunnelled and decapsulated (not TTL, not checksums, not link headers).
    func finish(_ result: inout Dissection) {
        guard result.hasIP else { return }
        var hash = FingerprintHasher()
        hash.combine(result.source)
        hash.combine(result.destination)
        hash.combine(UInt64(result.protocolNumber.rawValue) << 32 | UInt64(result.identification))
        hash.combine(UInt64(result.ipLength))
        hash.combine(UInt64(result.sourcePort) << 16 | UInt64(result.destinationPort))
        hash.combine(UInt64(result.tcpSequenceNumber) << 32 | UInt64(result.tcpAcknowledgmentNumber))
        hash.combine(
            UInt64(result.icmpSequenceNumber) << 32 | UInt64(result.tcpFlags.rawValue) << 16
                | UInt64(result.icmpType) << 8 | UInt64(result.icmpCode))
        hash.combine(result.payloadDigest)
        result.fingerprint = hash.value
    }
}
