/// Link layers: the capture's own header (Ethernet, SLL, SLL2, loopback, raw IP), Ethernet
/// inside tunnels, EtherType dispatch and ARP.
extension Dissector {
    /// Decodes the capture's link header; returns the next layer within `bytes`.
    func linkLayer(_ bytes: RawSpan, linkType: LinkType, result: inout Dissection) throws(DecodeError) -> NextLayer {
        switch linkType {
        case .ethernet:
            let frame = try EthernetFrame(parsing: bytes)
            result.link.sourceMAC = frame.source
            result.link.destinationMAC = frame.destination
            result.link.vlan = frame.outerVLAN
            return layer(for: frame.etherType, at: frame.payloadRange)
        case .linuxSLL:
            let header = try LinuxSLLHeader(parsing: bytes)
            result.link.cooked = CookedLinkFacts(
                addressType: header.addressType, packetType: UInt8(truncatingIfNeeded: header.packetType))
            result.link.sourceMAC = header.sourceMAC
            return layer(for: header.protocolType, at: header.payloadRange)
        case .linuxSLL2:
            let header = try LinuxSLL2Header(parsing: bytes)
            result.link.cooked = CookedLinkFacts(
                addressType: header.addressType, packetType: header.packetType, interfaceIndex: header.interfaceIndex)
            result.link.sourceMAC = header.sourceMAC
            return layer(for: header.protocolType, at: header.payloadRange)
        case .null, .loop:
            let header = try LoopbackHeader(parsing: bytes, bigEndianOnly: linkType == .loop)
            guard let etherType = header.etherType else {
                result.anomalies.append(.loopbackUnknownFamily)
                return .done
            }
            return layer(for: etherType, at: header.payloadRange)
        case .ipv4:
            return .ipv4(0..<bytes.byteCount)
        case .ipv6:
            return .ipv6(0..<bytes.byteCount)
        case .raw, .rawLegacy12, .rawLegacy14:
            return rawIPLayer(bytes, result: &result)
        default:
            result.anomalies.append(.unsupportedLinkType)
            return .done
        }
    }

    /// An Ethernet frame a tunnel carried: its addresses belong to the innermost tunnel.
    func innerEthernet(_ bytes: RawSpan, result: inout Dissection) throws(DecodeError) -> NextLayer {
        let frame = try EthernetFrame(parsing: bytes)
        result.tunnels.updateInnermost {
            $0.innerSourceMAC = frame.source
            $0.innerDestinationMAC = frame.destination
        }
        return layer(for: frame.etherType, at: frame.payloadRange)
    }

    /// Maps an EtherType to the next layer, found at `range`.
    func layer(for etherType: EtherType, at range: Range<Int>) -> NextLayer {
        switch etherType {
        case .ipv4: return .ipv4(range)
        case .ipv6: return .ipv6(range)
        case .arp: return .arp(range)
        case .transparentEthernetBridging: return .ethernet(range)
        default:
            // Non-IP payloads (STP, WCCP over GRE, …) are normal: no flow, no anomaly.
            return .done
        }
    }

    /// Raw IP link types carry IPv4 or IPv6 with nothing before them: the version nibble decides.
    func rawIPLayer(_ bytes: RawSpan, result: inout Dissection) -> NextLayer {
        guard bytes.byteCount >= 1 else {
            result.anomalies.append(.truncatedRawIP)
            result.isTruncated = true
            return .done
        }
        let whole = 0..<bytes.byteCount
        switch bytes.u8(at: 0) >> 4 {
        case 4: return .ipv4(whole)
        case 6: return .ipv6(whole)
        default:
            result.anomalies.append(.rawIPBadVersion)
            return .done
        }
    }

    /// An ARP message: its sender is a host on the capture point's segment.
    func arp(_ bytes: RawSpan, result: inout Dissection) throws(DecodeError) {
        let packet = try ARPPacket(parsing: bytes)
        // Only Ethernet/IPv4 ARP names a sender address and MAC.
        if let address = packet.senderAddress, let mac = packet.senderMAC {
            result.arp = ARPFacts(senderAddress: address, senderMAC: mac)
        }
    }
}
