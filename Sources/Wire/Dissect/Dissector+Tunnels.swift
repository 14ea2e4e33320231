/// Tunnels: IP-in-IP, GRE, and the UDP tunnels (VXLAN, Geneve, WireGuard). Each pushes onto the
/// ordered tunnel stack and names the layer it carries.
extension Dissector {
    /// Where a VXLAN header and the frame it carries are checked when VXLAN is recognised by its
    /// header off the configured ports (offsets from the start of the UDP payload).
    enum VXLANProbe {
        /// The inner Ethernet frame follows the 8-byte VXLAN header.
        static let innerFrame = VXLANHeader.Field.minimumHeader
        /// The inner frame's EtherType, and its payload (the IP or ARP header).
        static let innerEtherType = innerFrame + EthernetFrame.Field.etherType
        static let innerPayload = innerFrame + EthernetFrame.Field.minimumHeader
        /// Enough for the VXLAN header, an untagged Ethernet header and a minimal IPv4 header.
        static let minimumLength = innerPayload + IPv4Header.Field.minimumHeader
        /// IPv4 IHL is counted in 4-byte words; five is the least.
        static let minimumIPv4HeaderWords: UInt8 = 5
    }

    /// IP-in-IP (protocol 4 or 41): the inner IP header is the whole payload.
    func ipInIP(inner: IPProtocol, _ payload: RawSpan, result: inout Dissection) -> NextLayer {
        guard let ip = outerAddresses(result) else { return .done }
        let outer = Encapsulation(kind: .ipInIP, outerSource: ip.source, outerDestination: ip.destination)
        guard push(outer, result: &result) else { return .done }
        let whole = 0..<payload.byteCount
        return inner == .ipv4 ? .ipv4(whole) : .ipv6(whole)
    }

    /// GRE, with its key as the network identifier. Checksum, key and sequence number are read by
    /// `GREHeader`; Cisco MetaData (0x8909) is stepped over to the payload it names; ERSPAN
    /// (0x88be, 0x22eb) is pushed as its own kind, with the session id, down to the mirrored frame.
    func gre(_ payload: RawSpan, result: inout Dissection) throws(DecodeError) -> NextLayer {
        let header = try GREHeader(parsing: payload)
        guard let ip = outerAddresses(result) else { return .done }
        switch header.protocolType {
        case .erspanTypeII, .erspanTypeIII:
            return try erspan(header, payload, outer: ip, result: &result)
        default:
            break
        }
        var outer = Encapsulation(kind: .gre, outerSource: ip.source, outerDestination: ip.destination)
        outer.networkIdentifier = header.key
        guard push(outer, result: &result) else { return .done }
        guard header.protocolType == .ciscoMetadata else {
            return tunnelPayload(header.protocolType, at: header.payloadRange)
        }
        let rest = payload.extracting(header.payloadRange)
        let metadata = try CiscoMetadataHeader(parsing: rest)
        return tunnelPayload(metadata.payloadType, at: metadata.payloadRange).shifted(by: header.payloadRange.lowerBound)
    }

    /// ERSPAN after its GRE header: type I (0x88be without a GRE sequence number) is the frame
    /// itself; types II and III have their own header first.
    func erspan(
        _ gre: GREHeader, _ payload: RawSpan, outer ip: (source: IPAddress, destination: IPAddress),
        result: inout Dissection
    ) throws(DecodeError) -> NextLayer {
        var outer = Encapsulation(kind: .erspan, outerSource: ip.source, outerDestination: ip.destination)
        guard gre.protocolType == .erspanTypeIII || gre.sequencePresent else {
            guard push(outer, result: &result) else { return .done }
            return .ethernet(gre.payloadRange)
        }
        let rest = payload.extracting(gre.payloadRange)
        let header = try ERSPANHeader(parsing: rest, typeIII: gre.protocolType == .erspanTypeIII)
        outer.networkIdentifier = UInt32(header.sessionID)
        guard push(outer, result: &result) else { return .done }
        let next: NextLayer
        switch header.frameType {
        case .ethernet: next = .ethernet(header.payloadRange)
        case .ip: next = Self.ipLayer(byVersionOf: rest, at: header.payloadRange)
        case .other: next = .done
        }
        return next.shifted(by: gre.payloadRange.lowerBound)
    }

    /// A bare IP packet at `range`, told by its version nibble (nothing when it is neither 4 nor 6).
    static func ipLayer(byVersionOf bytes: RawSpan, at range: Range<Int>) -> NextLayer {
        guard range.lowerBound < bytes.byteCount else { return .done }
        switch bytes.u8(at: range.lowerBound) >> 4 {
        case 4: return .ipv4(range)
        case 6: return .ipv6(range)
        default: return .done
        }
    }

    /// Flannel's `udp` backend: the UDP payload is an IP packet, accepted when it starts like one
    /// (IPv4 with a header length of at least five words, or IPv6) and is long enough to hold it.
    func ipInUDP(_ udp: UDPHeader, _ datagram: RawSpan, result: inout Dissection) -> NextLayer? {
        let count = datagram.byteCount
        guard count >= IPv4Header.Field.minimumHeader else { return nil }
        let first = datagram.u8(at: 0)
        let plausible = first >> 4 == 4 ? first & 0x0f >= VXLANProbe.minimumIPv4HeaderWords : first >> 4 == 6
        guard plausible, let ip = outerAddresses(result) else { return nil }
        let outer = Encapsulation(
            kind: .ipInUDP, outerSource: ip.source, outerDestination: ip.destination,
            outerSourcePort: udp.sourcePort, outerDestinationPort: udp.destinationPort)
        guard push(outer, result: &result) else { return .done }
        return Self.ipLayer(byVersionOf: datagram, at: 0..<count)
    }

    /// VXLAN, Geneve and WireGuard ride on UDP; everything else is an ordinary UDP flow.
    /// Returns the tunnelled layer within `datagram`.
    func udpTunnel(_ udp: UDPHeader, _ datagram: RawSpan, result: inout Dissection) throws(DecodeError) -> NextLayer {
        let destinationPort = udp.destinationPort
        if options.vxlanPorts.contains(destinationPort) {
            return try vxlan(udp, datagram, detectedByHeader: false, result: &result)
        }
        if options.genevePorts.contains(destinationPort) {
            let header = try GeneveHeader(parsing: datagram)
            guard let ip = outerAddresses(result) else { return .done }
            let outer = Encapsulation(
                kind: .geneve, outerSource: ip.source, outerDestination: ip.destination,
                outerSourcePort: udp.sourcePort, outerDestinationPort: destinationPort, networkIdentifier: header.vni)
            guard push(outer, result: &result) else { return .done }
            return tunnelPayload(header.protocolType, at: header.payloadRange)
        }
        if options.wireguardPorts.contains(destinationPort) || options.wireguardPorts.contains(udp.sourcePort) {
            if (try? WireGuardMessage(parsing: datagram)) != nil {
                result.isWireGuard = true
            }
            return .done
        }
        if options.ipInUDPPorts.contains(destinationPort), let next = ipInUDP(udp, datagram, result: &result) {
            return next
        }
        if options.detectsVXLANByHeader, Self.looksLikeVXLAN(datagram) {
            return try vxlan(udp, datagram, detectedByHeader: true, result: &result)
        }
        return .done
    }

    func vxlan(_ udp: UDPHeader, _ datagram: RawSpan, detectedByHeader: Bool, result: inout Dissection)
        throws(DecodeError) -> NextLayer
    {
        let header = try VXLANHeader(parsing: datagram)
        guard let ip = outerAddresses(result) else { return .done }
        if !header.hasVNI {
            result.anomalies.append(.vxlanIFlagClear)
        } else if header.reservedBitsSet {
            result.anomalies.append(.vxlanReservedBitsSet)
        }
        let outer = Encapsulation(
            kind: .vxlan, outerSource: ip.source, outerDestination: ip.destination,
            outerSourcePort: udp.sourcePort, outerDestinationPort: udp.destinationPort,
            networkIdentifier: header.vni, detectedByHeader: detectedByHeader)
        guard push(outer, result: &result) else { return .done }
        return .ethernet(header.payloadRange)
    }

    /// The layer a GRE or Geneve tunnel carries. ARP inside a tunnel is not followed.
    func tunnelPayload(_ protocolType: EtherType, at range: Range<Int>) -> NextLayer {
        let next = layer(for: protocolType, at: range)
        if case .arp = next { return .done }
        return next
    }

    /// A VXLAN header (I flag only, reserved bytes zero) followed by an Ethernet frame whose
    /// EtherType is IPv4 or IPv6 with an agreeing IP version nibble, or an Ethernet/IPv4 ARP. A
    /// random UDP payload passes this with probability well under 2^-60.
    static func looksLikeVXLAN(_ datagram: RawSpan) -> Bool {
        guard datagram.byteCount >= VXLANProbe.minimumLength else { return false }
        guard datagram.u8(at: VXLANHeader.Field.flags) == VXLANHeader.Field.vniFlag,
            datagram.u8(at: VXLANHeader.Field.reservedAfterFlags) == 0,
            datagram.be16(at: VXLANHeader.Field.groupPolicyID) == 0,
            datagram.u8(at: VXLANHeader.Field.reservedAfterVNI) == 0
        else { return false }
        let etherType = EtherType(rawValue: datagram.be16(at: VXLANProbe.innerEtherType))
        let versionIHL = datagram.u8(at: VXLANProbe.innerPayload)
        switch etherType {
        case .ipv4: return versionIHL >> 4 == 4 && versionIHL & 0x0f >= VXLANProbe.minimumIPv4HeaderWords
        case .ipv6: return versionIHL >> 4 == 6
        case .arp:
            // ARP for IPv4 over Ethernet: hardware 1, protocol IPv4, address lengths 6 and 4.
            let arp = VXLANProbe.innerPayload
            return datagram.be16(at: arp + ARPPacket.Field.hardwareType) == ARPPacket.Field.ethernetHardware
                && EtherType(rawValue: datagram.be16(at: arp + ARPPacket.Field.protocolType)) == .ipv4
                && Int(datagram.u8(at: arp + ARPPacket.Field.hardwareLength)) == ARPPacket.Field.macLength
                && Int(datagram.u8(at: arp + ARPPacket.Field.protocolLength)) == ARPPacket.Field.ipv4Length
        default: return false
        }
    }

    /// Pushes a tunnel; false (and `encapsulation_depth_exceeded`) past the depth limit.
    func push(_ encapsulation: Encapsulation, result: inout Dissection) -> Bool {
        guard result.tunnels.count < options.maximumEncapsulationDepth, result.tunnels.push(encapsulation) else {
            result.anomalies.append(.encapsulationDepthExceeded)
            return false
        }
        return true
    }
}
