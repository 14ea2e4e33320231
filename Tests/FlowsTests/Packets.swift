import Wire

/// Hand-made dissections: the values `Dissector` returns for the packets these tests need,
/// set field by field so each test states exactly what the flow table is given.
enum Packets {
    static func address(_ text: String) -> IPAddress {
        guard let address = IPAddress(text) else { preconditionFailure("bad address literal \(text)") }
        return address
    }

    /// An IP packet with ports (TCP/UDP) or an echo identifier (ICMP) in both.
    static func ip(
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

    static func tcp(
        _ source: String, _ sourcePort: UInt16, _ destination: String, _ destinationPort: UInt16,
        flags: TCPFlags, length: Int = 52
    ) -> Dissection {
        var packet = ip(.tcp, source, sourcePort, destination, destinationPort, length: length)
        packet.tcpFlags = flags
        return packet
    }

    static func udp(
        _ source: String, _ sourcePort: UInt16, _ destination: String, _ destinationPort: UInt16, length: Int = 60
    ) -> Dissection {
        ip(.udp, source, sourcePort, destination, destinationPort, length: length)
    }

    static func echo(_ source: String, _ destination: String, identifier: UInt16, request: Bool) -> Dissection {
        var packet = ip(.icmp, source, identifier, destination, identifier, length: 84)
        packet.icmpType = request ? 8 : 0
        packet.icmpEchoRequest = request
        return packet
    }

    /// `inner` as seen inside an IPIP tunnel `outerSource` → `outerDestination`.
    static func ipip(_ inner: Dissection, _ outerSource: String, _ outerDestination: String) -> Dissection {
        var packet = inner
        packet.encapsulations.push(
            Encapsulation(kind: .ipInIP, outerSource: address(outerSource), outerDestination: address(outerDestination)))
        packet.ipDepth = 1
        return packet
    }

    /// `inner` inside VXLAN (UDP 4789 unless told otherwise) between Calico VTEP MACs.
    static func vxlan(
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
    static func wireguard(_ source: String, _ sourcePort: UInt16, _ destination: String, _ destinationPort: UInt16)
        -> Dissection
    {
        var packet = udp(source, sourcePort, destination, destinationPort, length: 156)
        packet.isWireGuard = true
        return packet
    }
}
