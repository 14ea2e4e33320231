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
        packet.hasIP = true
        packet.source = address(source)
        packet.destination = address(destination)
        packet.protocolNumber = protocolNumber
        packet.ipLength = length
        packet.identification = identification
        packet.timeToLive = 64
        packet.hasPorts = true
        packet.sourcePort = sourcePort
        packet.destinationPort = destinationPort
        return packet
    }

    public static func tcp(
        _ source: String, _ sourcePort: UInt16, _ destination: String, _ destinationPort: UInt16,
        flags: TCPFlags, length: Int = 52
    ) -> Dissection {
        var packet = ip(.tcp, source, sourcePort, destination, destinationPort, length: length)
        packet.tcpFlags = flags
        return packet
    }

    public static func udp(
        _ source: String, _ sourcePort: UInt16, _ destination: String, _ destinationPort: UInt16, length: Int = 60
    ) -> Dissection {
        ip(.udp, source, sourcePort, destination, destinationPort, length: length)
    }

    public static func echo(_ source: String, _ destination: String, identifier: UInt16, request: Bool) -> Dissection {
        var packet = ip(.icmp, source, identifier, destination, identifier, length: 84)
        packet.icmpType = request ? 8 : 0
        packet.icmpEchoRequest = request
        return packet
    }

    /// `inner` as seen inside an IPIP tunnel `outerSource` → `outerDestination`.
    public static func ipip(_ inner: Dissection, _ outerSource: String, _ outerDestination: String) -> Dissection {
        var packet = inner
        packet.encapsulations.push(
            Encapsulation(kind: .ipInIP, outerSource: address(outerSource), outerDestination: address(outerDestination)))
        packet.ipDepth = 1
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
        packet.encapsulations.push(tunnel)
        packet.ipDepth = 1
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
        packet.encapsulations.push(
            Encapsulation(
                kind: kind, outerSource: address(outerSource), outerDestination: address(outerDestination),
                outerDestinationPort: kind == .geneve ? 6081 : 0, networkIdentifier: identifier))
        packet.ipDepth = 1
        return packet
    }

    /// The packet as an Ethernet frame between these MACs.
    public static func framed(_ packet: Dissection, source: MACAddress, destination: MACAddress) -> Dissection {
        var framed = packet
        framed.linkSourceMAC = source
        framed.linkDestinationMAC = destination
        return framed
    }

    /// An ARP request from `sender` (a host on the capture point's segment).
    public static func arp(_ sender: String) -> Dissection {
        var packet = Dissection()
        guard case .v4(let v4) = address(sender) else { preconditionFailure("ARP sender must be IPv4") }
        packet.arpSenderAddress = v4
        packet.arpSenderMAC = MACAddress(rawValue: 0x52_54_00_00_00_01)
        return packet
    }
}
