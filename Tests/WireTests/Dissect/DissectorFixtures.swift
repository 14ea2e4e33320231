import Testing
import Wire

private typealias FB = FrameBuilder

/// The frames of the dissector tests (`Dissector*Tests`, one file per layer family). Every frame
/// is composed with `FrameBuilder` from the addresses of a two-node lab (nodes
/// 192.168.10.101/102, pod blocks 172.16.158.0/26 and 172.16.184.0/26, VTEP MACs 66:…), so each
/// expectation can be read off the builder call above it.
enum DissectorFixtures {
    // MARK: Fixture addresses

    static let node1 = FB.v4("192.168.10.101")
    static let node2 = FB.v4("192.168.10.102")
    static let podA = FB.v4("172.16.158.1")
    static let podB = FB.v4("172.16.184.1")
    static let node1v6 = FB.v6("fd00:192:168:10::101")
    static let node2v6 = FB.v6("fd00:192:168:10::102")
    static let podAv6 = FB.v6("fd00:10:244:158::1")
    static let podBv6 = FB.v6("fd00:10:244:184::1")
    static let nic1 = FB.mac(0x52_54_00_12_34_01)
    static let nic2 = FB.mac(0x52_54_00_12_34_02)
    static let vtep1 = FB.mac(0x66_3a_1b_2c_3d_4e)
    static let vtep2 = FB.mac(0x66_7f_00_11_22_33)
    /// The host side of a workload veth (ee:ee:ee:ee:ee:ee).
    static let workloadHostMAC = MACAddress(rawValue: 0xeeee_eeee_eeee)

    // MARK: Fixture packets

    /// Pod A → pod B, TCP SYN 10002 → 8080 (id 0xbfe2), the inner packet of the tunnel tests.
    static func podSYN(timeToLive: UInt8 = 63, identification: UInt16 = 0xbfe2, payload: [UInt8] = []) -> [UInt8] {
        FB.ipv4(
            source: podA, destination: podB, protocolNumber: .tcp, identification: identification,
            timeToLive: timeToLive,
            payload: FB.tcp(sourcePort: 10002, destinationPort: 8080, sequence: 0x47fe_2f38, flags: .syn, payload: payload))
    }

    /// The same SYN between IPv6 pods.
    static func podSYNv6(hopLimit: UInt8 = 63) -> [UInt8] {
        FB.ipv6(
            source: podAv6, destination: podBv6, nextHeader: .tcp, hopLimit: hopLimit,
            payload: FB.tcp(sourcePort: 10002, destinationPort: 8080, sequence: 0x47fe_2f38, flags: .syn))
    }

    /// Pod A → pod B ICMP echo request id 0x2952 seq 23 with 16 data bytes 0x01…0x10.
    static let podPing: [UInt8] = FB.ipv4(
        source: podA, destination: podB, protocolNumber: .icmp, identification: 0x0d0d, timeToLive: 63,
        payload: FB.icmpEcho(request: true, identifier: 0x2952, sequence: 23, payload: Array(1...16)))

    /// Ethernet / IPv4 node1 → node2 (protocol 4) / `inner`: Calico IPIP as seen on eth0.
    static func ipipFrame(inner: [UInt8] = podSYN()) -> [UInt8] {
        FB.ethernet(
            destination: nic2, source: nic1, etherType: .ipv4,
            payload: FB.ipv4(
                source: node1, destination: node2, protocolNumber: .ipv4, identification: 0x6c24, timeToLive: 63,
                payload: inner))
    }

    /// IPv4 `outerSource` → `outerDestination` / UDP 39755 → `port` / VXLAN `vni` / Ethernet / `inner`.
    static func vxlanPacket(
        outerSource: IPv4Address = node1, outerDestination: IPv4Address = node2, port: UInt16 = 4789,
        vni: UInt32 = 4096, flags: UInt8 = 0x08, reservedAfterVNI: UInt8 = 0,
        innerSource: MACAddress = vtep1, innerDestination: MACAddress = vtep2,
        innerEtherType: EtherType = .ipv4, inner: [UInt8] = podPing
    ) -> [UInt8] {
        FB.ipv4(
            source: outerSource, destination: outerDestination, protocolNumber: .udp, identification: 0x1111,
            dontFragment: false,
            payload: FB.udp(
                sourcePort: 39755, destinationPort: port,
                payload: FB.vxlan(
                    vni: vni, flags: flags, reservedAfterVNI: reservedAfterVNI,
                    payload: FB.ethernet(
                        destination: innerDestination, source: innerSource, etherType: innerEtherType, payload: inner))))
    }

    /// `vxlanPacket` on an Ethernet uplink.
    static func vxlanFrame(
        port: UInt16 = 4789, vni: UInt32 = 4096, flags: UInt8 = 0x08, reservedAfterVNI: UInt8 = 0,
        innerSource: MACAddress = vtep1, innerDestination: MACAddress = vtep2,
        innerEtherType: EtherType = .ipv4, inner: [UInt8] = podPing
    ) -> [UInt8] {
        FB.ethernet(
            destination: nic2, source: nic1, etherType: .ipv4,
            payload: vxlanPacket(
                port: port, vni: vni, flags: flags, reservedAfterVNI: reservedAfterVNI, innerSource: innerSource,
                innerDestination: innerDestination, innerEtherType: innerEtherType, inner: inner))
    }

    /// Three VXLAN tunnels, outer to inner 10.0.1.x (VNI 1), 10.0.2.x (VNI 2), 10.0.3.x (VNI 3),
    /// around the pod SYN.
    static let tripleVXLAN: [UInt8] = FB.ethernet(
        etherType: .ipv4,
        payload: vxlanPacket(
            outerSource: FB.v4("10.0.1.1"), outerDestination: FB.v4("10.0.1.2"), vni: 1,
            inner: vxlanPacket(
                outerSource: FB.v4("10.0.2.1"), outerDestination: FB.v4("10.0.2.2"), vni: 2,
                inner: vxlanPacket(
                    outerSource: FB.v4("10.0.3.1"), outerDestination: FB.v4("10.0.3.2"), vni: 3,
                    inner: podSYN()))))

    /// The IPIP frame with 12 bytes of TCP data, for the truncation sweep (so that some prefixes
    /// cut only the data).
    static let ipipSweepFrame = ipipFrame(inner: podSYN(payload: Array("GET / HTTP/1".utf8)))
    /// The VXLAN frame (ping with 16 data bytes) for the truncation sweep.
    static let vxlanSweepFrame = vxlanFrame()

    /// Dissects `bytes` captured with `linkType`.
    static func dissect(
        _ bytes: [UInt8], _ linkType: LinkType = .ethernet, options: DissectOptions = DissectOptions()
    ) -> Dissection {
        let dissector = Dissector(options: options)
        return bytes.withUnsafeBytes { dissector.dissect($0.bytes, linkType: linkType) }
    }
}
