import Wire

/// Hand-made dissections for the flow and Calico tests: the values `Dissector` returns for the
/// packets the tests need, set field by field so each test states exactly what it is given.
/// Test support only; not part of calicap.
public enum Packets {
    public static func address(_ text: String) -> IPAddress {
        guard let address = IPAddress(text) else { preconditionFailure("bad address literal \(text)") }
        return address
    }

    /// An IP packet with ports (TCP/UDP) or an echo identifier (ICMP) in both.
    public static func ip(
        _ protocolNumber: IPProtocol, _ source: String, _ sourcePort: UInt16, _ destination: String,
        _ destinationPort: UInt16, length: Int = 60, identification: UInt32 = 0
    ) -> Dissection {
        var packet = Dissection()
        packet.ip = IPFacts(
            source: address(source), destination: address(destination), protocolNumber: protocolNumber,
            length: length, identification: identification, timeToLive: 64)
        switch protocolNumber {
        case .tcp:
            packet.transport = .tcp(TCPFacts(sourcePort: sourcePort, destinationPort: destinationPort))
        case .icmp, .icmpv6:
            let echo = ICMPFacts(
                type: protocolNumber == .icmp ? 8 : 128, identifier: sourcePort, echo: .request)
            packet.transport = protocolNumber == .icmp ? .icmp(echo) : .icmpv6(echo)
        case .udp:
            packet.transport = .udp(UDPFacts(sourcePort: sourcePort, destinationPort: destinationPort))
        default:
            packet.transport = .other(protocolNumber)
        }
        return packet
    }

    public static func tcp(
        _ source: String, _ sourcePort: UInt16, _ destination: String, _ destinationPort: UInt16,
        flags: TCPFlags, length: Int = 52
    ) -> Dissection {
        var packet = ip(.tcp, source, sourcePort, destination, destinationPort, length: length)
        packet.transport = .tcp(TCPFacts(sourcePort: sourcePort, destinationPort: destinationPort, flags: flags))
        return packet
    }

    public static func udp(
        _ source: String, _ sourcePort: UInt16, _ destination: String, _ destinationPort: UInt16, length: Int = 60
    ) -> Dissection {
        ip(.udp, source, sourcePort, destination, destinationPort, length: length)
    }

    public static func echo(_ source: String, _ destination: String, identifier: UInt16, request: Bool) -> Dissection {
        var packet = ip(.icmp, source, identifier, destination, identifier, length: 84)
        packet.transport = .icmp(
            ICMPFacts(type: request ? 8 : 0, identifier: identifier, echo: request ? .request : .reply))
        return packet
    }

    /// `inner` as seen inside an IPIP tunnel `outerSource` → `outerDestination`.
    public static func ipip(_ inner: Dissection, _ outerSource: String, _ outerDestination: String) -> Dissection {
        var packet = inner
        packet.tunnels.push(
            Encapsulation(kind: .ipInIP, outerSource: address(outerSource), outerDestination: address(outerDestination)))
        packet.ip?.tunnelDepth = 1
        return packet
    }

    /// `inner` inside VXLAN (UDP 4789 unless told otherwise) between Calico VTEP MACs.
    public static func vxlan(
        _ inner: Dissection, _ outerSource: String, _ outerDestination: String, vni: UInt32 = 4096,
        port: UInt16 = 4789, vtepMACs: Bool = true, detectedByHeader: Bool = false
    ) -> Dissection {
        var packet = inner
        var tunnel = Encapsulation(
            kind: .vxlan, outerSource: address(outerSource), outerDestination: address(outerDestination),
            outerSourcePort: 40000, outerDestinationPort: port, networkIdentifier: vni, detectedByHeader: detectedByHeader)
        tunnel.innerSourceMAC = MACAddress(rawValue: vtepMACs ? 0x66_00_00_00_00_01 : 0x0a_58_00_00_00_01)
        tunnel.innerDestinationMAC = MACAddress(rawValue: vtepMACs ? 0x66_00_00_00_00_02 : 0x0a_58_00_00_00_02)
        packet.tunnels.push(tunnel)
        packet.ip?.tunnelDepth = 1
        return packet
    }

    /// A WireGuard transport message between two nodes (the UDP session is the flow).
    public static func wireguard(_ source: String, _ sourcePort: UInt16, _ destination: String, _ destinationPort: UInt16)
        -> Dissection
    {
        var packet = udp(source, sourcePort, destination, destinationPort, length: 156)
        packet.isWireGuard = true
        return packet
    }

    /// `inner` inside a non-Calico tunnel (Geneve on 6081 with VNI `identifier`, or GRE with that key).
    public static func foreignTunnel(
        _ kind: EncapsulationKind, _ inner: Dissection, _ outerSource: String, _ outerDestination: String,
        identifier: UInt32 = 10
    ) -> Dissection {
        var packet = inner
        packet.tunnels.push(
            Encapsulation(
                kind: kind, outerSource: address(outerSource), outerDestination: address(outerDestination),
                outerDestinationPort: kind == .geneve ? 6081 : 0, networkIdentifier: identifier))
        packet.ip?.tunnelDepth = 1
        return packet
    }

    /// The packet as an Ethernet frame between these MACs.
    public static func framed(_ packet: Dissection, source: MACAddress, destination: MACAddress) -> Dissection {
        var framed = packet
        framed.link.sourceMAC = source
        framed.link.destinationMAC = destination
        return framed
    }

    /// An ARP request from `sender` (a host on the capture point's segment), from `mac`.
    public static func arp(_ sender: String, mac: MACAddress = MACAddress(rawValue: 0x52_54_00_00_00_01)) -> Dissection {
        var packet = Dissection()
        guard case .v4(let v4) = address(sender) else { preconditionFailure("ARP sender must be IPv4") }
        packet.arp = ARPFacts(senderAddress: v4, senderMAC: mac)
        packet.link.sourceMAC = mac
        return packet
    }
}
