import Testing
import Wire

private typealias FB = FrameBuilder

/// The layer walk end to end. Every frame is composed with `FrameBuilder` from the addresses of a
/// two-node Calico lab (nodes 192.168.10.101/102, pod blocks 172.16.158.0/26 and 172.16.184.0/26,
/// VTEP MACs 66:…), so each expectation can be read off the builder call above it.
@Suite struct DissectorTests {
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

    func dissect(
        _ bytes: [UInt8], _ linkType: LinkType = .ethernet, options: DissectOptions = DissectOptions()
    ) -> Dissection {
        let dissector = Dissector(options: options)
        return bytes.withUnsafeBytes { dissector.dissect($0.bytes, linkType: linkType) }
    }

    // MARK: Builder self-check

    /// The builder reproduces the outer IPv4 header of a real Calico IPIP packet byte for byte,
    /// checksum included (`lab/ipip/w1-eth0.pcap`, see `IPv4HeaderTests.ipInIP`).
    @Test func builderEmitsARealIPv4Header() {
        let header = Array(FB.ipv4(
            source: Self.node1, destination: Self.node2, protocolNumber: .ipv4, identification: 0x6c24,
            timeToLive: 63, totalLength: 80, payload: []).prefix(20))
        #expect(header == [
            0x45, 0x00, 0x00, 0x50, 0x6c, 0x24, 0x40, 0x00, 0x3f, 0x04, 0x39, 0x6a,
            0xc0, 0xa8, 0x0a, 0x65, 0xc0, 0xa8, 0x0a, 0x66,
        ])
    }

    // MARK: Link layers

    @Test func decodesEthernetIPv4TCP() {
        let frame = FB.ethernet(
            destination: Self.nic2, source: Self.nic1, etherType: .ipv4,
            payload: FB.ipv4(
                source: Self.podA, destination: Self.podB, protocolNumber: .tcp, identification: 0x4242,
                timeToLive: 61,
                payload: FB.tcp(
                    sourcePort: 43210, destinationPort: 443, sequence: 0xdead_beef, acknowledgment: 0x0102_0304,
                    flags: [.push, .acknowledgment], payload: [1, 2, 3, 4, 5])))
        let d = dissect(frame)
        #expect(d.link.sourceMAC == Self.nic1)
        #expect(d.link.destinationMAC == Self.nic2)
        #expect(d.link.vlan == nil)
        #expect(d.link.cooked?.addressType == nil)
        #expect(d.link.cooked?.packetType == nil)
        #expect(d.link.cooked?.interfaceIndex == nil)
        #expect((d.ip != nil))
        #expect(d.ip?.tunnelDepth == 0)
        #expect(d.tunnels.isEmpty)
        #expect(d.ip?.source == .v4(Self.podA))
        #expect(d.ip?.destination == .v4(Self.podB))
        #expect(d.ip?.protocolNumber == .tcp)
        #expect(d.ip?.length == 45)
        #expect(d.ip?.identification == 0x4242)
        #expect(d.ip?.timeToLive == 61)
        #expect((d.ip?.isFragment == false))
        #expect((d.ip?.isFirstFragment == false))
        #expect((d.ports != nil))
        #expect(d.ports?.source == 43210)
        #expect(d.ports?.destination == 443)
        #expect(d.transport?.tcp?.flags == [.push, .acknowledgment])
        #expect(d.transport?.tcp?.sequenceNumber == 0xdead_beef)
        #expect(d.transport?.tcp?.acknowledgmentNumber == 0x0102_0304)
        #expect(d.transport?.icmp?.echo.map { $0 == .request } == nil)
        #expect(d.transport?.icmp?.quoted == nil)
        #expect(!d.isWireGuard)
        #expect(!d.isTruncated)
        #expect(d.stopReason?.name == nil)
        #expect(d.anomalies.lastIrregularity?.name == nil)
        #expect(d.innermostDecoded)
        #expect(d.fingerprint != 0)
    }

    @Test func readsThe8021QTag() {
        let frame = FB.ethernet(tags: [.init(identifier: 100)], etherType: .ipv4, payload: Self.podSYN())
        let d = dissect(frame)
        #expect(d.link.vlan == 100)
        #expect(d.ip?.source == .v4(Self.podA))
        #expect(d.ports?.destination == 8080)
        #expect(d.stopReason?.name == nil)
    }

    @Test func readsTheOuterTagOfQinQ() {
        let frame = FB.ethernet(
            tags: [.init(tpid: 0x88a8, identifier: 300), .init(tpid: 0x8100, identifier: 42)], etherType: .ipv4,
            payload: Self.podSYN())
        let d = dissect(frame)
        #expect(d.link.vlan == 300)
        #expect((d.ip != nil))
        #expect(d.ip?.source == .v4(Self.podA))
        #expect(d.ports?.source == 10002)
        #expect(d.stopReason?.name == nil)
    }

    @Test func nonIPEthernetIsNormal() {
        // An IEEE 802.3 length field (STP/LLC) instead of an EtherType: nothing to decode.
        let frame = FB.ethernet(etherType: EtherType(rawValue: 0x0026), payload: [UInt8](repeating: 0x42, count: 38))
        let d = dissect(frame)
        #expect((d.ip == nil))
        #expect(d.stopReason?.name == nil)
        #expect(d.fingerprint == 0)
    }

    @Test func readsTheARPSender() {
        let frame = FB.ethernet(
            destination: MACAddress(rawValue: 0xffff_ffff_ffff), source: Self.nic1, etherType: .arp,
            payload: FB.arp(senderMAC: Self.nic1, senderAddress: Self.node1, targetAddress: Self.node2))
        let d = dissect(frame)
        #expect(d.arp?.senderAddress == Self.node1)
        #expect(d.arp?.senderMAC == Self.nic1)
        #expect((d.ip == nil))
        #expect(d.stopReason?.name == nil)
    }

    @Test func decodesLinuxSLL() {
        let frame = FB.sll(
            packetType: 4, addressType: 1, address: FB.bytes(Self.nic1), protocolType: .ipv4, payload: Self.podSYN())
        let d = dissect(frame, .linuxSLL)
        #expect(d.link.cooked?.packetType == 4)
        #expect(d.link.cooked?.addressType == 1)
        #expect(d.link.cooked?.interfaceIndex == nil)
        #expect(d.link.sourceMAC == Self.nic1)
        #expect(d.link.destinationMAC == nil)
        #expect(d.ip?.source == .v4(Self.podA))
        #expect(d.ports?.destination == 8080)
        #expect(d.stopReason?.name == nil)
    }

    @Test func namesAnOverlongSLLAddress() {
        var frame = FB.sll(address: FB.bytes(Self.nic1), protocolType: .ipv4, payload: Self.podSYN())
        frame[5] = 9  // address length 9 > 8
        let d = dissect(frame, .linuxSLL)
        #expect(d.stopReason?.name == "sll_address_length_invalid")
        #expect((d.ip == nil))
        #expect(!d.isTruncated)
    }

    @Test func decodesLinuxSLL2() {
        let frame = FB.sll2(
            protocolType: .ipv4, interfaceIndex: 17, addressType: 1, packetType: 0,
            address: FB.bytes(Self.workloadHostMAC), payload: Self.podSYN(timeToLive: 64))
        let d = dissect(frame, .linuxSLL2)
        #expect(d.link.cooked?.interfaceIndex == 17)
        #expect(d.link.cooked?.addressType == 1)
        #expect(d.link.cooked?.packetType == 0)
        #expect(d.link.sourceMAC == Self.workloadHostMAC)
        #expect(d.link.destinationMAC == nil)
        #expect(d.ip?.timeToLive == 64)
        #expect(d.ports?.source == 10002)
        #expect(d.stopReason?.name == nil)
    }

    @Test func sll2LoopbackCarriesAZeroMAC() {
        let frame = FB.sll2(
            protocolType: .ipv4, interfaceIndex: 1, addressType: 772, packetType: 0,
            address: [0, 0, 0, 0, 0, 0], payload: Self.podSYN())
        let d = dissect(frame, .linuxSLL2)
        #expect(d.link.cooked?.addressType == 772)
        #expect(d.link.sourceMAC == .zero)
        #expect((d.ip != nil))
    }

    @Test func sll2TunnelDeviceHasNoMAC() {
        // tunl0 is ARPHRD_TUNNEL (768) with a 4-byte "address" (its local IPv4 address).
        let frame = FB.sll2(
            protocolType: .ipv4, interfaceIndex: 5, addressType: 768, packetType: 4,
            address: FB.bytes(Self.node1), payload: Self.podSYN())
        let d = dissect(frame, .linuxSLL2)
        #expect(d.link.cooked?.addressType == 768)
        #expect(d.link.cooked?.packetType == 4)
        #expect(d.link.sourceMAC == nil)
        #expect(d.ip?.source == .v4(Self.podA))
    }

    @Test func decodesRawIPv4() {
        let d = dissect(Self.podSYN(), .raw)
        #expect((d.ip != nil))
        #expect(d.link.sourceMAC == nil)
        #expect(d.ip?.source == .v4(Self.podA))
        #expect(d.ip?.destination == .v4(Self.podB))
        #expect(d.ip?.length == 40)
        #expect(d.ports?.source == 10002)
        #expect(d.stopReason?.name == nil)
    }

    @Test(arguments: [LinkType.raw, .rawLegacy12, .rawLegacy14, .ipv6])
    func decodesRawIPv6(linkType: LinkType) {
        let d = dissect(Self.podSYNv6(), linkType)
        #expect((d.ip != nil))
        #expect(d.ip?.source == .v6(Self.podAv6))
        #expect(d.ip?.destination == .v6(Self.podBv6))
        #expect(d.ip?.protocolNumber == .tcp)
        #expect(d.ip?.length == 60)
        #expect(d.ip?.timeToLive == 63)
        #expect(d.ports?.destination == 8080)
        #expect(d.stopReason?.name == nil)
    }

    @Test func decodesLinkTypeIPv4() {
        let d = dissect(Self.podSYN(), .ipv4)
        #expect(d.ip?.source == .v4(Self.podA))
        #expect(d.stopReason?.name == nil)
    }

    @Test(arguments: [UInt8(0x00), 0x55, 0xf0])
    func rejectsABadRawVersionNibble(first: UInt8) {
        var packet = Self.podSYN()
        packet[0] = first
        let d = dissect(packet, .raw)
        #expect(d.stopReason?.name == "raw_ip_bad_version")
        #expect((d.ip == nil))
        #expect(!d.isTruncated)
        #expect(d.fingerprint == 0)
    }

    @Test func emptyRawPacketIsTruncated() {
        let d = dissect([], .raw)
        #expect(d.stopReason?.name == "truncated_raw_ip")
        #expect(d.isTruncated)
        #expect((d.ip == nil))
    }

    @Test func unsupportedLinkTypeIsNamed() {
        let d = dissect(Self.podSYN(), LinkType(rawValue: 147))
        #expect(d.stopReason?.name == "unsupported_link_type")
        #expect((d.ip == nil))
    }

    @Test(arguments: [
        (LinkType.null, UInt32(2), false, true),  // AF_INET, little-endian writer
        (.null, 2, true, true),  // AF_INET, big-endian writer
        (.null, 30, false, false),  // AF_INET6 Darwin
        (.null, 10, true, false),  // AF_INET6 Linux, big-endian writer
        (.loop, 24, true, false),  // AF_INET6 OpenBSD
        (.loop, 2, true, true),
    ])
    func decodesBSDLoopback(linkType: LinkType, family: UInt32, bigEndian: Bool, isIPv4: Bool) {
        let packet = isIPv4 ? Self.podSYN() : Self.podSYNv6()
        let d = dissect(FB.loopback(family: family, bigEndian: bigEndian, payload: packet), linkType)
        #expect((d.ip != nil))
        #expect(d.ip?.source == (isIPv4 ? .v4(Self.podA) : .v6(Self.podAv6)))
        #expect(d.ports?.destination == 8080)
        #expect(d.stopReason?.name == nil)
    }

    @Test func namesAnUnknownLoopbackFamily() {
        let d = dissect(FB.loopback(family: 7, bigEndian: false, payload: Self.podSYN()), .null)
        #expect(d.stopReason?.name == "loopback_unknown_family")
        #expect((d.ip == nil))
    }

    // MARK: IP-in-IP

    @Test func decodesIPIP4in4() {
        let d = dissect(Self.ipipFrame())
        #expect(Array(d.tunnels) == [
            Encapsulation(kind: .ipInIP, outerSource: .v4(Self.node1), outerDestination: .v4(Self.node2))
        ])
        #expect(d.tunnels.last?.networkIdentifier == nil)
        #expect(d.tunnels.last?.outerSourcePort == 0)
        #expect(d.tunnels.last?.innerSourceMAC?.firstByte != 0x66)
        #expect(d.ip?.tunnelDepth == 1)
        #expect(d.innermostDecoded)
        #expect(d.link.sourceMAC == Self.nic1)
        #expect(d.ip?.source == .v4(Self.podA))
        #expect(d.ip?.destination == .v4(Self.podB))
        #expect(d.ip?.protocolNumber == .tcp)
        #expect(d.ip?.length == 40)
        #expect(d.ip?.identification == 0xbfe2)
        #expect(d.ip?.timeToLive == 63)
        #expect(d.ports?.source == 10002)
        #expect(d.ports?.destination == 8080)
        #expect(d.transport?.tcp?.flags == .syn)
        #expect(d.transport?.tcp?.sequenceNumber == 0x47fe_2f38)
        #expect(d.stopReason?.name == nil)
        #expect(!d.isTruncated)
    }

    @Test func decodesIPIP6in4() {
        let frame = FB.ethernet(
            etherType: .ipv4,
            payload: FB.ipv4(
                source: Self.node1, destination: Self.node2, protocolNumber: .ipv6, payload: Self.podSYNv6()))
        let d = dissect(frame)
        #expect(Array(d.tunnels) == [
            Encapsulation(kind: .ipInIP, outerSource: .v4(Self.node1), outerDestination: .v4(Self.node2))
        ])
        #expect(d.ip?.tunnelDepth == 1)
        #expect(d.ip?.source == .v6(Self.podAv6))
        #expect(d.ip?.destination == .v6(Self.podBv6))
        #expect(d.ports?.source == 10002)
        #expect(d.ports?.destination == 8080)
        #expect(d.stopReason?.name == nil)
    }

    @Test func decodesIPIP4in6() {
        let frame = FB.ethernet(
            etherType: .ipv6,
            payload: FB.ipv6(
                source: Self.node1v6, destination: Self.node2v6, nextHeader: .ipv4, payload: Self.podSYN()))
        let d = dissect(frame)
        #expect(Array(d.tunnels) == [
            Encapsulation(kind: .ipInIP, outerSource: .v6(Self.node1v6), outerDestination: .v6(Self.node2v6))
        ])
        #expect(d.ip?.tunnelDepth == 1)
        #expect(d.ip?.source == .v4(Self.podA))
        #expect(d.ip?.destination == .v4(Self.podB))
        #expect(d.ports?.destination == 8080)
        #expect(d.stopReason?.name == nil)
    }

    @Test func decodesIPIP6in6() {
        let frame = FB.ethernet(
            etherType: .ipv6,
            payload: FB.ipv6(
                source: Self.node1v6, destination: Self.node2v6, nextHeader: .ipv6, payload: Self.podSYNv6()))
        let d = dissect(frame)
        #expect(Array(d.tunnels) == [
            Encapsulation(kind: .ipInIP, outerSource: .v6(Self.node1v6), outerDestination: .v6(Self.node2v6))
        ])
        #expect(d.ip?.source == .v6(Self.podAv6))
        #expect(d.ip?.destination == .v6(Self.podBv6))
        #expect(d.ip?.length == 60)
        #expect(d.ports?.source == 10002)
        #expect(d.stopReason?.name == nil)
    }

    @Test func firstFragmentOfAnIPIPPacketIsNamed() {
        let frame = FB.ethernet(
            etherType: .ipv4,
            payload: FB.ipv4(
                source: Self.node1, destination: Self.node2, protocolNumber: .ipv4, dontFragment: false,
                moreFragments: true, payload: Self.podSYN()))
        let d = dissect(frame)
        #expect(d.stopReason?.name == "fragmented_tunnel_packet")
        #expect(d.tunnels.count == 1)
        #expect(d.ip?.tunnelDepth == 0)
        #expect(!d.innermostDecoded)
    }

    // MARK: VXLAN

    @Test func decodesVXLANOn4789() {
        let d = dissect(Self.vxlanFrame())
        var expected = Encapsulation(
            kind: .vxlan, outerSource: .v4(Self.node1), outerDestination: .v4(Self.node2), outerSourcePort: 39755,
            outerDestinationPort: 4789, networkIdentifier: 4096, detectedByHeader: false)
        expected.innerSourceMAC = Self.vtep1
        expected.innerDestinationMAC = Self.vtep2
        #expect(Array(d.tunnels) == [expected])
        #expect(d.tunnels.last?.innerSourceMAC?.firstByte == 0x66)
        #expect(d.link.sourceMAC == Self.nic1)
        #expect(d.ip?.tunnelDepth == 1)
        #expect(d.innermostDecoded)
        #expect(d.ip?.source == .v4(Self.podA))
        #expect(d.ip?.destination == .v4(Self.podB))
        #expect(d.ip?.protocolNumber == .icmp)
        #expect(d.ip?.length == 44)
        #expect(d.ip?.identification == 0x0d0d)
        #expect((d.ports != nil))
        #expect(d.ports?.source == 0x2952)
        #expect(d.ports?.destination == 0x2952)
        #expect(d.transport?.icmp?.echo.map { $0 == .request } == true)
        #expect(d.transport?.icmp?.sequenceNumber == 23)
        #expect((d.transport?.udp?.payloadDigest ?? d.transport?.icmp?.payloadDigest) == 0x0102_0304_0506_0708)
        #expect(d.stopReason?.name == nil)
        #expect(d.anomalies.lastIrregularity?.name == nil)
    }

    @Test func vxlanWithoutVTEPMACsIsNotCalicos() {
        let d = dissect(Self.vxlanFrame(innerSource: FB.mac(0x0a_58_0a_f4_01_01), innerDestination: FB.mac(0x0a_58_0a_f4_02_01)))
        #expect(d.tunnels.last?.kind == .vxlan)
        #expect(d.tunnels.last?.innerSourceMAC?.firstByte != 0x66)
        #expect(d.tunnels.last?.innerSourceMAC == FB.mac(0x0a_58_0a_f4_01_01))
    }

    @Test func vxlanOn8472IsDetectedByItsHeader() {
        let d = dissect(Self.vxlanFrame(port: 8472, vni: 1))
        #expect(d.tunnels.count == 1)
        #expect(d.tunnels.last?.kind == .vxlan)
        #expect(d.tunnels.last?.detectedByHeader == true)
        #expect(d.tunnels.last?.outerDestinationPort == 8472)
        #expect(d.tunnels.last?.networkIdentifier == 1)
        #expect(d.ip?.source == .v4(Self.podA))
        #expect(d.stopReason?.name == nil)
    }

    @Test func vxlanOn8472IsPlainUDPWithoutDetection() {
        let options = DissectOptions(vxlanPorts: [4789], detectsVXLANByHeader: false)
        let d = dissect(Self.vxlanFrame(port: 8472, vni: 4096), options: options)
        #expect(d.tunnels.isEmpty)
        #expect(d.innermostDecoded)
        #expect(d.ip?.source == .v4(Self.node1))
        #expect(d.ip?.destination == .v4(Self.node2))
        #expect(d.ip?.protocolNumber == .udp)
        #expect(d.ports?.source == 39755)
        #expect(d.ports?.destination == 8472)
        // The UDP payload's first word: the VXLAN header, flags 0x08 and VNI 4096.
        #expect((d.transport?.udp?.payloadDigest ?? d.transport?.icmp?.payloadDigest) == 0x0800_0000_0010_0000)
        #expect(d.stopReason?.name == nil)
    }

    @Test func vxlanOn8472WhenConfigured() {
        let options = DissectOptions(vxlanPorts: [8472], detectsVXLANByHeader: false)
        let d = dissect(Self.vxlanFrame(port: 8472, vni: 1), options: options)
        #expect(d.tunnels.count == 1)
        #expect(d.tunnels.last?.detectedByHeader == false)
        #expect(d.tunnels.last?.outerDestinationPort == 8472)
        #expect(d.ip?.source == .v4(Self.podA))
    }

    @Test func vxlanOn4789IsPlainWhenNotConfigured() {
        let options = DissectOptions(vxlanPorts: [], detectsVXLANByHeader: false)
        let d = dissect(Self.vxlanFrame(), options: options)
        #expect(d.tunnels.isEmpty)
        #expect(d.ports?.destination == 4789)
        #expect(d.ip?.source == .v4(Self.node1))
    }

    @Test func vxlanCarryingARPHasNoFlowAndNoAnomaly() {
        let arp = FB.arp(senderMAC: Self.vtep1, senderAddress: FB.v4("172.16.158.0"), targetAddress: FB.v4("172.16.184.0"))
        let d = dissect(Self.vxlanFrame(innerDestination: MACAddress(rawValue: 0xffff_ffff_ffff), innerEtherType: .arp, inner: arp))
        #expect(d.tunnels.count == 1)
        #expect(d.tunnels.last?.innerSourceMAC == Self.vtep1)
        #expect((d.ip != nil))  // the outer header
        #expect(d.ip?.tunnelDepth == 0)
        #expect(!d.innermostDecoded)
        #expect(d.arp?.senderAddress == FB.v4("172.16.158.0"))
        #expect(d.stopReason?.name == nil)
        #expect(d.anomalies.lastIrregularity?.name == nil)
    }

    @Test func vxlanCarryingARPIsDetectedByHeaderOffPort() {
        let arp = FB.arp(senderMAC: Self.vtep1, senderAddress: FB.v4("10.244.1.0"), targetAddress: FB.v4("10.244.2.0"))
        let d = dissect(Self.vxlanFrame(port: 8472, innerEtherType: .arp, inner: arp))
        #expect(d.tunnels.last?.detectedByHeader == true)
        #expect(d.arp?.senderAddress == FB.v4("10.244.1.0"))
        #expect(d.stopReason?.name == nil)
    }

    @Test func vxlanReservedBitsAreANotice() {
        let d = dissect(Self.vxlanFrame(reservedAfterVNI: 0x01))
        #expect(d.anomalies.lastIrregularity?.name == "vxlan_reserved_bits_set")
        #expect(d.stopReason?.name == nil)
        #expect(d.tunnels.last?.networkIdentifier == 4096)
        #expect(d.innermostDecoded)
        #expect(d.ip?.source == .v4(Self.podA))
    }

    @Test func vxlanIFlagClearIsANotice() {
        let d = dissect(Self.vxlanFrame(flags: 0x00))
        #expect(d.anomalies.lastIrregularity?.name == "vxlan_i_flag_clear")
        #expect(d.stopReason?.name == nil)
        #expect(d.tunnels.count == 1)
        #expect(d.ip?.source == .v4(Self.podA))
    }

    @Test(arguments: [(UInt8(0x08), UInt8(0x01)), (0x00, 0x00), (0x0c, 0x00)])
    func malformedVXLANHeaderIsNotDetectedOffPort(flags: UInt8, reserved: UInt8) {
        let d = dissect(Self.vxlanFrame(port: 8472, flags: flags, reservedAfterVNI: reserved))
        #expect(d.tunnels.isEmpty)
        #expect(d.ports?.destination == 8472)
        #expect(d.anomalies.lastIrregularity?.name == nil)
    }

    @Test func followsThreeNestedVXLANTunnels() {
        let d = dissect(Self.tripleVXLAN)
        let stack = Array(d.tunnels)
        #expect(stack.map(\.kind) == [.vxlan, .vxlan, .vxlan])
        #expect(stack.map(\.networkIdentifier) == [1, 2, 3])
        #expect(stack.map(\.outerSource) == [.v4(FB.v4("10.0.1.1")), .v4(FB.v4("10.0.2.1")), .v4(FB.v4("10.0.3.1"))])
        #expect(stack.map(\.outerDestination) == [.v4(FB.v4("10.0.1.2")), .v4(FB.v4("10.0.2.2")), .v4(FB.v4("10.0.3.2"))])
        #expect(d.tunnels.last == stack[2])
        #expect(d.tunnels.first == stack[0])
        #expect(d.ip?.tunnelDepth == 3)
        #expect(d.innermostDecoded)
        #expect(d.ip?.source == .v4(Self.podA))
        #expect(d.ip?.destination == .v4(Self.podB))
        #expect(d.ports?.source == 10002)
        #expect(d.ports?.destination == 8080)
        #expect(d.stopReason?.name == nil)
    }

    @Test func stopsAtTheEncapsulationDepthLimit() {
        let d = dissect(Self.tripleVXLAN, options: DissectOptions(maximumEncapsulationDepth: 2))
        #expect(d.stopReason?.name == "encapsulation_depth_exceeded")
        #expect(d.tunnels.count == 2)
        #expect(Array(d.tunnels).map(\.networkIdentifier) == [1, 2])
        #expect(d.ip?.source != .v4(Self.podA))
    }

    // MARK: Geneve, GRE, WireGuard

    @Test func recognisesGeneve() {
        let frame = FB.ethernet(
            etherType: .ipv4,
            payload: FB.ipv4(
                source: Self.node1, destination: Self.node2, protocolNumber: .udp,
                payload: FB.udp(
                    sourcePort: 50000, destinationPort: 6081,
                    payload: FB.geneve(
                        vni: 0x00ab_cdef, optionWords: 2,
                        payload: FB.ethernet(
                            destination: Self.vtep2, source: Self.vtep1, etherType: .ipv4, payload: Self.podSYN())))))
        let d = dissect(frame)
        var expected = Encapsulation(
            kind: .geneve, outerSource: .v4(Self.node1), outerDestination: .v4(Self.node2), outerSourcePort: 50000,
            outerDestinationPort: 6081, networkIdentifier: 0xab_cdef)
        expected.innerSourceMAC = Self.vtep1
        expected.innerDestinationMAC = Self.vtep2
        #expect(Array(d.tunnels) == [expected])
        #expect(d.ip?.source == .v4(Self.podA))
        #expect(d.ports?.destination == 8080)
        #expect(d.stopReason?.name == nil)
    }

    @Test func geneveOffPortIsNotTakenForVXLAN() {
        let frame = FB.ethernet(
            etherType: .ipv4,
            payload: FB.ipv4(
                source: Self.node1, destination: Self.node2, protocolNumber: .udp,
                payload: FB.udp(
                    sourcePort: 50000, destinationPort: 7000,
                    payload: FB.geneve(
                        vni: 4096,
                        payload: FB.ethernet(etherType: .ipv4, payload: Self.podSYN())))))
        let d = dissect(frame)
        #expect(d.tunnels.isEmpty)
        #expect(d.ports?.destination == 7000)
        #expect(d.ip?.source == .v4(Self.node1))
    }

    @Test func recognisesGREWithAKey() {
        let frame = FB.ethernet(
            etherType: .ipv4,
            payload: FB.ipv4(
                source: Self.node1, destination: Self.node2, protocolNumber: .gre,
                payload: FB.gre(protocolType: .ipv4, key: 42, payload: Self.podSYN())))
        let d = dissect(frame)
        #expect(Array(d.tunnels) == [
            Encapsulation(
                kind: .gre, outerSource: .v4(Self.node1), outerDestination: .v4(Self.node2), networkIdentifier: 42)
        ])
        #expect(d.ip?.tunnelDepth == 1)
        #expect(d.ip?.source == .v4(Self.podA))
        #expect(d.ports?.source == 10002)
        #expect(d.stopReason?.name == nil)
    }

    @Test func recognisesGRETransparentEthernetBridging() {
        let frame = FB.ethernet(
            etherType: .ipv4,
            payload: FB.ipv4(
                source: Self.node1, destination: Self.node2, protocolNumber: .gre,
                payload: FB.gre(
                    protocolType: .transparentEthernetBridging,
                    payload: FB.ethernet(
                        destination: Self.nic2, source: Self.nic1, etherType: .ipv4, payload: Self.podSYN()))))
        let d = dissect(frame)
        #expect(d.tunnels.last?.kind == .gre)
        #expect(d.tunnels.last?.networkIdentifier == nil)
        #expect(d.tunnels.last?.innerSourceMAC == Self.nic1)
        #expect(d.ip?.source == .v4(Self.podA))
    }

    static func wireguardFrame(sourcePort: UInt16 = 51820, destinationPort: UInt16 = 51820, payload: [UInt8]) -> [UInt8] {
        FB.ethernet(
            etherType: .ipv4,
            payload: FB.ipv4(
                source: Self.node1, destination: Self.node2, protocolNumber: .udp,
                payload: FB.udp(sourcePort: sourcePort, destinationPort: destinationPort, payload: payload)))
    }

    @Test(arguments: [(UInt16(51820), UInt16(51820)), (51820, 40000), (40000, 51820), (51821, 51821)])
    func recognisesWireGuardTransportData(sourcePort: UInt16, destinationPort: UInt16) {
        let frame = Self.wireguardFrame(
            sourcePort: sourcePort, destinationPort: destinationPort,
            payload: FB.wireguardTransport(receiver: 0xab7d_f406, counter: 9, encryptedBlocks: 5))
        let d = dissect(frame)
        #expect(d.isWireGuard)
        #expect(d.tunnels.isEmpty)
        #expect((d.ip != nil))
        #expect(d.ip?.source == .v4(Self.node1))
        #expect(d.ip?.destination == .v4(Self.node2))
        #expect(d.ip?.protocolNumber == .udp)
        #expect(d.ports?.source == sourcePort)
        #expect(d.ports?.destination == destinationPort)
        #expect(d.ip?.length == 20 + 8 + 16 + 80)
        #expect(d.stopReason?.name == nil)
    }

    @Test func nonWireGuardPayloadOnTheWireGuardPort() {
        // A DNS-looking payload, and a type-4 message whose length is not a whole number of blocks.
        let dns: [UInt8] = [0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]
        let ragged = Array(FB.wireguardTransport(receiver: 1, counter: 0, encryptedBlocks: 2).dropLast(3))
        for payload in [dns, ragged] {
            let d = dissect(Self.wireguardFrame(payload: payload))
            #expect(!d.isWireGuard)
            #expect(d.tunnels.isEmpty)
            #expect(d.ports?.destination == 51820)
            #expect(d.stopReason?.name == nil)
        }
    }

    @Test func wireGuardPortsComeFromTheOptions() {
        let frame = Self.wireguardFrame(payload: FB.wireguardTransport(receiver: 1, counter: 0))
        let d = dissect(frame, options: DissectOptions(wireguardPorts: []))
        #expect(!d.isWireGuard)
        #expect(d.ports?.destination == 51820)
    }

    // MARK: ICMP

    @Test(arguments: [true, false])
    func icmpEchoUsesTheIdentifierAsBothPorts(request: Bool) {
        let packet = FB.ipv4(
            source: Self.podA, destination: Self.podB, protocolNumber: .icmp,
            payload: FB.icmpEcho(request: request, identifier: 0x2952, sequence: 7, payload: Array(1...4)))
        let d = dissect(packet, .raw)
        #expect((d.ports != nil))
        #expect(d.ports?.source == 0x2952)
        #expect(d.ports?.destination == 0x2952)
        #expect(d.transport?.icmp?.echo.map { $0 == .request } == request)
        #expect(d.transport?.icmp?.type == (request ? 8 : 0))
        #expect(d.transport?.icmp?.code == 0)
        #expect(d.transport?.icmp?.sequenceNumber == 7)
        #expect((d.transport?.udp?.payloadDigest ?? d.transport?.icmp?.payloadDigest) == 0x0102_0304)
        #expect(d.transport?.icmp?.quoted == nil)
    }

    /// The datagram an unreachable quotes: pod A 5353 → pod B 53, total length 128 claimed,
    /// `upperBytes` of its UDP/TCP header kept.
    static func quote(_ protocolNumber: IPProtocol, upperBytes: Int) -> [UInt8] {
        let upper = protocolNumber == .tcp
            ? FB.tcp(sourcePort: 5353, destinationPort: 53, flags: .syn)
            : FB.udp(sourcePort: 5353, destinationPort: 53, length: 108, payload: [])
        return FB.ipv4(
            source: Self.podA, destination: Self.podB, protocolNumber: protocolNumber, identification: 0x0777,
            totalLength: 128, payload: Array(upper.prefix(upperBytes)))
    }

    /// `source:port > destination:port protocol`, every field of a quoted packet in one string.
    static func text(_ quoted: QuotedPacket?) -> String? {
        quoted.map {
            "\($0.source):\($0.sourcePort) > \($0.destination):\($0.destinationPort) \($0.protocolNumber)"
        }
    }

    @Test(arguments: [(IPProtocol.udp, 8), (.tcp, 8), (.tcp, 4), (.udp, 4)])
    func unreachableQuotesThePorts(protocolNumber: IPProtocol, upperBytes: Int) {
        let packet = FB.ipv4(
            source: Self.node2, destination: Self.podA, protocolNumber: .icmp,
            payload: FB.icmpError(type: 3, code: 3, quoting: Self.quote(protocolNumber, upperBytes: upperBytes)))
        let d = dissect(packet, .raw)
        #expect(Self.text(d.transport?.icmp?.quoted) == "172.16.158.1:5353 > 172.16.184.1:53 \(protocolNumber)")
        #expect((d.ports == nil))
        #expect(d.transport?.icmp?.type == 3)
        #expect(d.transport?.icmp?.code == 3)
        #expect(d.transport?.icmp?.echo.map { $0 == .request } == nil)
        #expect(d.ip?.source == .v4(Self.node2))
        #expect(!d.isTruncated)
        #expect(d.stopReason?.name == nil)
    }

    @Test func quoteTooShortForPortsKeepsTheAddresses() {
        let packet = FB.ipv4(
            source: Self.node2, destination: Self.podA, protocolNumber: .icmp,
            payload: FB.icmpError(type: 11, code: 0, quoting: Self.quote(.udp, upperBytes: 2)))
        let d = dissect(packet, .raw)
        #expect(Self.text(d.transport?.icmp?.quoted) == "172.16.158.1:0 > 172.16.184.1:0 udp")
    }

    @Test func quoteWithoutAnIPHeaderIsIgnored() {
        let packet = FB.ipv4(
            source: Self.node2, destination: Self.podA, protocolNumber: .icmp,
            payload: FB.icmpError(type: 3, code: 1, quoting: Array(Self.quote(.udp, upperBytes: 8).prefix(12))))
        let d = dissect(packet, .raw)
        #expect(d.transport?.icmp?.quoted == nil)
        #expect(d.transport?.icmp?.type == 3)
        #expect(d.stopReason?.name == nil)
    }

    @Test func unreachableQuotingAnEchoUsesItsIdentifier() {
        let echo = FB.ipv4(
            source: Self.podA, destination: Self.podB, protocolNumber: .icmp,
            payload: FB.icmpEcho(request: true, identifier: 0x0bad, sequence: 1))
        let packet = FB.ipv4(
            source: Self.node2, destination: Self.podA, protocolNumber: .icmp,
            payload: FB.icmpError(type: 3, code: 1, quoting: echo))
        let d = dissect(packet, .raw)
        #expect(d.transport?.icmp?.quoted?.protocolNumber == .icmp)
        #expect(d.transport?.icmp?.quoted?.sourcePort == 0x0bad)
        #expect(d.transport?.icmp?.quoted?.destinationPort == 0x0bad)
    }

    @Test(arguments: [true, false])
    func icmpv6Echo(request: Bool) {
        let packet = FB.ipv6(
            source: Self.podAv6, destination: Self.podBv6, nextHeader: .icmpv6,
            payload: FB.icmpv6Echo(request: request, identifier: 77, sequence: 3))
        let d = dissect(packet, .raw)
        #expect(d.ip?.protocolNumber == .icmpv6)
        #expect((d.ports != nil))
        #expect(d.ports?.source == 77)
        #expect(d.ports?.destination == 77)
        #expect(d.transport?.icmp?.echo.map { $0 == .request } == request)
        #expect(d.transport?.icmp?.type == (request ? 128 : 129))
        #expect(d.transport?.icmp?.sequenceNumber == 3)
    }

    @Test func icmpv6ErrorQuotesThePacket() {
        let quoted = FB.ipv6(
            source: Self.podAv6, destination: Self.podBv6, nextHeader: .udp, payloadLength: 200,
            payload: FB.udp(sourcePort: 40000, destinationPort: 53, length: 200, payload: []))
        let packet = FB.ipv6(
            source: Self.node2v6, destination: Self.podAv6, nextHeader: .icmpv6,
            payload: FB.icmpv6Error(type: 1, code: 4, quoting: quoted))
        let d = dissect(packet, .raw)
        #expect(Self.text(d.transport?.icmp?.quoted) == "fd00:10:244:158::1:40000 > fd00:10:244:184::1:53 udp")
        #expect(d.transport?.icmp?.type == 1)
        #expect(d.transport?.icmp?.code == 4)
        #expect((d.ports == nil))
        #expect(d.transport?.icmp?.echo.map { $0 == .request } == nil)
        #expect(!d.isTruncated)
    }

    // MARK: Fragments and IPv6 extension headers

    @Test func ipv4FirstFragmentHasPorts() {
        // The first 48 bytes of a 2008-byte UDP datagram: the UDP length covers the whole datagram.
        let packet = FB.ipv4(
            source: Self.podA, destination: Self.podB, protocolNumber: .udp, identification: 77,
            dontFragment: false, moreFragments: true,
            payload: FB.udp(sourcePort: 4000, destinationPort: 5000, length: 2008, payload: Array(repeating: 9, count: 40)))
        let d = dissect(packet, .raw)
        #expect((d.ip?.isFragment == true))
        #expect((d.ip?.isFirstFragment == true))
        #expect(d.ip?.identification == 77)
        #expect((d.ports != nil))
        #expect(d.ports?.source == 4000)
        #expect(d.ports?.destination == 5000)
        #expect(d.ip?.length == 68)
        #expect(d.stopReason?.name == nil)
        // Every byte of the fragment was captured: the UDP length describes the reassembled
        // datagram, so this is not a snaplen cut.
        let truncated = d.isTruncated
        #expect(!truncated, "a complete first fragment is not a snaplen cut")
    }

    @Test func ipv4LaterFragmentHasNoPorts() {
        let packet = FB.ipv4(
            source: Self.podA, destination: Self.podB, protocolNumber: .udp, identification: 77,
            dontFragment: false, fragmentOffset: 1480, payload: Array(repeating: 0x11, count: 100))
        let d = dissect(packet, .raw)
        #expect((d.ip?.isFragment == true))
        #expect((d.ip?.isFirstFragment == false))
        #expect(d.ip?.identification == 77)
        #expect(d.ip?.protocolNumber == .udp)
        #expect(d.transport == nil)
        #expect(d.ports == nil)
        #expect(d.ip?.length == 120)
        #expect(d.stopReason?.name == nil)
        #expect(!d.isTruncated)
    }

    @Test func ipv6FirstFragment() {
        let packet = FB.ipv6(
            source: Self.podAv6, destination: Self.podBv6, nextHeader: .fragment,
            payload: FB.ipv6Fragment(
                nextHeader: .udp, offset: 0, moreFragments: true, identification: 0xdead_beef,
                payload: FB.udp(sourcePort: 4000, destinationPort: 5000, length: 3000, payload: Array(repeating: 1, count: 32))))
        let d = dissect(packet, .raw)
        #expect((d.ip?.isFragment == true))
        #expect((d.ip?.isFirstFragment == true))
        #expect(d.ip?.identification == 0xdead_beef)
        #expect(d.ip?.protocolNumber == .udp)
        #expect((d.ports != nil))
        #expect(d.ports?.source == 4000)
        #expect(d.ip?.length == 40 + 8 + 8 + 32)
        #expect(d.stopReason?.name == nil)
        let truncated = d.isTruncated
        #expect(!truncated, "a complete first fragment is not a snaplen cut")
    }

    @Test func ipv6LaterFragment() {
        let packet = FB.ipv6(
            source: Self.podAv6, destination: Self.podBv6, nextHeader: .fragment,
            payload: FB.ipv6Fragment(
                nextHeader: .udp, offset: 1448, moreFragments: false, identification: 0xdead_beef,
                payload: Array(repeating: 2, count: 64)))
        let d = dissect(packet, .raw)
        #expect((d.ip?.isFragment == true))
        #expect((d.ip?.isFirstFragment == false))
        #expect(d.ip?.identification == 0xdead_beef)
        #expect(d.ip?.protocolNumber == .udp)
        #expect((d.ports == nil))
        #expect(d.stopReason?.name == nil)
    }

    @Test func walksAHopByHopHeader() {
        let packet = FB.ipv6(
            source: Self.podAv6, destination: Self.podBv6, nextHeader: .hopByHop,
            payload: FB.ipv6HopByHop(
                nextHeader: .tcp, payload: FB.tcp(sourcePort: 1234, destinationPort: 80, flags: .syn)))
        let d = dissect(packet, .raw)
        #expect(d.ip?.protocolNumber == .tcp)
        #expect(d.ports?.source == 1234)
        #expect(d.ports?.destination == 80)
        #expect(d.transport?.tcp?.flags == .syn)
        #expect(d.ip?.length == 68)
        #expect((d.ip?.isFragment == false))
        #expect(d.stopReason?.name == nil)
    }

    // MARK: Truncation, padding, offload

    /// Every prefix of the IPIP frame: no trap, and either a complete inner tuple or a
    /// `truncated_*` anomaly; every proper prefix is flagged as truncated.
    @Test(arguments: 0...DissectorTests.ipipSweepFrame.count)
    func everyPrefixOfAnIPIPFrame(length: Int) {
        let frame = Self.ipipSweepFrame
        let d = dissect(Array(frame.prefix(length)))
        if let anomaly = d.stopReason?.name {
            #expect(anomaly.hasPrefix("truncated_"), "prefix \(length): \(anomaly)")
            #expect((d.ports == nil))
        } else {
            #expect(d.tunnels.count == 1)
            #expect(d.innermostDecoded)
            #expect(d.ip?.source == .v4(Self.podA))
            #expect(d.ports?.source == 10002)
            #expect(d.ports?.destination == 8080)
        }
        #expect(d.isTruncated == (length < frame.count), "prefix \(length)")
        // Everything up to the end of the inner TCP header must decode completely.
        #expect((d.stopReason?.name == nil) == (length >= 14 + 20 + 20 + 20))
    }

    /// Every prefix of the VXLAN frame, the same way.
    @Test(arguments: 0...DissectorTests.vxlanSweepFrame.count)
    func everyPrefixOfAVXLANFrame(length: Int) {
        let frame = Self.vxlanSweepFrame
        let d = dissect(Array(frame.prefix(length)))
        if let anomaly = d.stopReason?.name {
            #expect(anomaly.hasPrefix("truncated_"), "prefix \(length): \(anomaly)")
        } else {
            #expect(d.tunnels.count == 1)
            #expect(d.innermostDecoded)
            #expect(d.ip?.source == .v4(Self.podA))
            #expect(d.ports?.source == 0x2952)
            #expect(d.transport?.icmp?.echo.map { $0 == .request } == true)
        }
        #expect(d.isTruncated == (length < frame.count), "prefix \(length)")
        // Outer Ethernet, IPv4, UDP, VXLAN, inner Ethernet, IPv4, ICMP header.
        #expect((d.stopReason?.name == nil) == (length >= 14 + 20 + 8 + 8 + 14 + 20 + 8))
    }

    @Test func snaplenCutKeepsTheFlowFields() {
        let frame = FB.ethernet(
            etherType: .ipv4,
            payload: FB.ipv4(
                source: Self.podA, destination: Self.podB, protocolNumber: .udp,
                payload: FB.udp(sourcePort: 5000, destinationPort: 6000, payload: Array(1...200))))
        let d = dissect(Array(frame.prefix(14 + 20 + 8 + 10)))
        #expect(d.isTruncated)
        #expect(d.stopReason?.name == nil)
        #expect((d.ports != nil))
        #expect(d.ports?.source == 5000)
        #expect(d.ports?.destination == 6000)
        #expect(d.ip?.length == 228)
        #expect((d.transport?.udp?.payloadDigest ?? d.transport?.icmp?.payloadDigest) == 0x0102_0304_0506_0708)
    }

    @Test func ethernetPaddingDoesNotReachTheIPPayload() {
        let frame = FB.ethernet(
            etherType: .ipv4,
            payload: FB.ipv4(
                source: Self.podA, destination: Self.podB, protocolNumber: .udp,
                payload: FB.udp(sourcePort: 5000, destinationPort: 6000, payload: [0x01, 0x02])),
            padTo: 60, padByte: 0xaa)
        #expect(frame.count == 60)
        let d = dissect(frame)
        #expect(d.ip?.length == 30)
        #expect(!d.isTruncated)
        #expect((d.transport?.udp?.payloadDigest ?? d.transport?.icmp?.payloadDigest) == 0x0102)
        #expect(d.stopReason?.name == nil)
    }

    @Test func tsoTotalLengthZeroCountsTheCapturedBytes() {
        let frame = FB.ethernet(
            etherType: .ipv4,
            payload: FB.ipv4(
                source: Self.podA, destination: Self.podB, protocolNumber: .tcp, totalLength: 0,
                payload: FB.tcp(
                    sourcePort: 10002, destinationPort: 8080, flags: [.acknowledgment],
                    payload: Array(repeating: 0x61, count: 1000))))
        let d = dissect(frame)
        #expect(d.ip?.length == 1040)
        #expect(!d.isTruncated)
        #expect((d.ports != nil))
        #expect(d.ports?.destination == 8080)
        #expect(d.stopReason?.name == nil)
    }

    // MARK: Fingerprint

    @Test func fingerprintIsTheSameAtEveryCapturePoint() {
        // One pod packet: IPIP on eth0, raw on tunl0 (both after the sender's routing hop, TTL 63),
        // and on the sender's veth before routing (TTL 64), plus a VXLAN uplink and a VLAN trunk.
        let onUplink = dissect(Self.ipipFrame(inner: Self.podSYN(timeToLive: 63)))
        let onTunl0 = dissect(Self.podSYN(timeToLive: 63), .raw)
        let onVeth = dissect(
            FB.sll2(
                protocolType: .ipv4, interfaceIndex: 9, address: FB.bytes(Self.workloadHostMAC),
                payload: Self.podSYN(timeToLive: 64)),
            .linuxSLL2)
        let inVXLAN = dissect(Self.vxlanFrame(inner: Self.podSYN(timeToLive: 62)))
        let onTrunk = dissect(
            FB.ethernet(tags: [.init(identifier: 7)], etherType: .ipv4, payload: Self.podSYN(timeToLive: 1)))
        #expect(onUplink.fingerprint != 0)
        #expect(onTunl0.fingerprint == onUplink.fingerprint)
        #expect(onVeth.fingerprint == onUplink.fingerprint)
        #expect(inVXLAN.fingerprint == onUplink.fingerprint)
        #expect(onTrunk.fingerprint == onUplink.fingerprint)
    }

    @Test func fingerprintTellsPacketsApart() {
        let base = dissect(Self.podSYN(), .raw).fingerprint
        #expect(dissect(Self.podSYN(identification: 0xbfe3), .raw).fingerprint != base)
        #expect(dissect(Self.podSYN(payload: [1]), .raw).fingerprint != base)
        let reply = FB.ipv4(
            source: Self.podB, destination: Self.podA, protocolNumber: .tcp, identification: 0xbfe2, timeToLive: 63,
            payload: FB.tcp(sourcePort: 8080, destinationPort: 10002, sequence: 0x47fe_2f38, flags: .syn))
        #expect(dissect(reply, .raw).fingerprint != base)
        let ack = FB.ipv4(
            source: Self.podA, destination: Self.podB, protocolNumber: .tcp, identification: 0xbfe2, timeToLive: 63,
            payload: FB.tcp(sourcePort: 10002, destinationPort: 8080, sequence: 0x47fe_2f38, flags: .acknowledgment))
        #expect(dissect(ack, .raw).fingerprint != base)
    }
}
