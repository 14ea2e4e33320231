import Testing
import Wire

private typealias FB = FrameBuilder
private typealias F = DissectorFixtures

/// Link layers: Ethernet, VLAN tags, ARP, SLL, SLL2, loopback and raw IP.
@Suite struct DissectorLinkTests {
    // MARK: Builder self-check

    /// The builder reproduces the outer IPv4 header of a real Calico IPIP packet byte for byte,
    /// checksum included (`lab/ipip/w1-eth0.pcap`, see `IPv4HeaderTests.ipInIP`).
    @Test func builderEmitsARealIPv4Header() {
        let header = Array(FB.ipv4(
            source: F.node1, destination: F.node2, protocolNumber: .ipv4, identification: 0x6c24,
            timeToLive: 63, totalLength: 80, payload: []).prefix(20))
        #expect(header == [
            0x45, 0x00, 0x00, 0x50, 0x6c, 0x24, 0x40, 0x00, 0x3f, 0x04, 0x39, 0x6a,
            0xc0, 0xa8, 0x0a, 0x65, 0xc0, 0xa8, 0x0a, 0x66,
        ])
    }

    // MARK: Link layers

    @Test func decodesEthernetIPv4TCP() {
        let frame = FB.ethernet(
            destination: F.nic2, source: F.nic1, etherType: .ipv4,
            payload: FB.ipv4(
                source: F.podA, destination: F.podB, protocolNumber: .tcp, identification: 0x4242,
                timeToLive: 61,
                payload: FB.tcp(
                    sourcePort: 43210, destinationPort: 443, sequence: 0xdead_beef, acknowledgment: 0x0102_0304,
                    flags: [.push, .acknowledgment], payload: [1, 2, 3, 4, 5])))
        let d = F.dissect(frame)
        #expect(d.link.sourceMAC == F.nic1)
        #expect(d.link.destinationMAC == F.nic2)
        #expect(d.link.vlan == nil)
        #expect(d.link.cooked?.addressType == nil)
        #expect(d.link.cooked?.packetType == nil)
        #expect(d.link.cooked?.interfaceIndex == nil)
        #expect(d.ip != nil)
        #expect(d.ip?.tunnelDepth == 0)
        #expect(d.tunnels.isEmpty)
        #expect(d.ip?.source == .v4(F.podA))
        #expect(d.ip?.destination == .v4(F.podB))
        #expect(d.ip?.protocolNumber == .tcp)
        #expect(d.ip?.length == 45)
        #expect(d.ip?.identification == 0x4242)
        #expect(d.ip?.timeToLive == 61)
        #expect(d.ip?.isFragment == false)
        #expect(d.ip?.isFirstFragment == false)
        #expect(d.ports != nil)
        #expect(d.ports?.source == 43210)
        #expect(d.ports?.destination == 443)
        #expect(d.transport?.tcp?.flags == [.push, .acknowledgment])
        #expect(d.transport?.tcp?.sequenceNumber == 0xdead_beef)
        #expect(d.transport?.tcp?.acknowledgmentNumber == 0x0102_0304)
        #expect(d.transport?.icmp?.echo.map { $0 == .request } == nil)
        #expect(d.transport?.icmp?.quoted == nil)
        #expect(!d.isWireGuard)
        #expect(!d.isTruncated)
        #expect(d.stopReason == nil)
        #expect(d.anomalies.isEmpty)
        #expect(d.innermostDecoded)
        #expect(d.fingerprint != 0)
    }

    @Test func readsThe8021QTag() {
        let frame = FB.ethernet(tags: [.init(identifier: 100)], etherType: .ipv4, payload: F.podSYN())
        let d = F.dissect(frame)
        #expect(d.link.vlan == 100)
        #expect(d.ip?.source == .v4(F.podA))
        #expect(d.ports?.destination == 8080)
        #expect(d.stopReason == nil)
    }

    @Test func readsTheOuterTagOfQinQ() {
        let frame = FB.ethernet(
            tags: [.init(tpid: 0x88a8, identifier: 300), .init(tpid: 0x8100, identifier: 42)], etherType: .ipv4,
            payload: F.podSYN())
        let d = F.dissect(frame)
        #expect(d.link.vlan == 300)
        #expect(d.ip != nil)
        #expect(d.ip?.source == .v4(F.podA))
        #expect(d.ports?.source == 10002)
        #expect(d.stopReason == nil)
    }

    @Test func nonIPEthernetIsNormal() {
        // An IEEE 802.3 length field (STP/LLC) instead of an EtherType: nothing to decode.
        let frame = FB.ethernet(etherType: EtherType(rawValue: 0x0026), payload: [UInt8](repeating: 0x42, count: 38))
        let d = F.dissect(frame)
        #expect(d.ip == nil)
        #expect(d.stopReason == nil)
        #expect(d.fingerprint == 0)
    }

    @Test func readsTheARPSender() {
        let frame = FB.ethernet(
            destination: MACAddress(rawValue: 0xffff_ffff_ffff), source: F.nic1, etherType: .arp,
            payload: FB.arp(senderMAC: F.nic1, senderAddress: F.node1, targetAddress: F.node2))
        let d = F.dissect(frame)
        #expect(d.arp?.senderAddress == F.node1)
        #expect(d.arp?.senderMAC == F.nic1)
        #expect(d.ip == nil)
        #expect(d.stopReason == nil)
    }

    @Test func decodesLinuxSLL() {
        let frame = FB.sll(
            packetType: 4, addressType: 1, address: FB.bytes(F.nic1), protocolType: .ipv4, payload: F.podSYN())
        let d = F.dissect(frame, .linuxSLL)
        #expect(d.link.cooked?.packetType == 4)
        #expect(d.link.cooked?.addressType == 1)
        #expect(d.link.cooked?.interfaceIndex == nil)
        #expect(d.link.sourceMAC == F.nic1)
        #expect(d.link.destinationMAC == nil)
        #expect(d.ip?.source == .v4(F.podA))
        #expect(d.ports?.destination == 8080)
        #expect(d.stopReason == nil)
    }

    @Test func namesAnOverlongSLLAddress() {
        var frame = FB.sll(address: FB.bytes(F.nic1), protocolType: .ipv4, payload: F.podSYN())
        frame[5] = 9  // address length 9 > 8
        let d = F.dissect(frame, .linuxSLL)
        #expect(d.stopReason?.name == "sll_address_length_invalid")
        #expect(d.ip == nil)
        #expect(!d.isTruncated)
    }

    @Test func decodesLinuxSLL2() {
        let frame = FB.sll2(
            protocolType: .ipv4, interfaceIndex: 17, addressType: 1, packetType: 0,
            address: FB.bytes(F.workloadHostMAC), payload: F.podSYN(timeToLive: 64))
        let d = F.dissect(frame, .linuxSLL2)
        #expect(d.link.cooked?.interfaceIndex == 17)
        #expect(d.link.cooked?.addressType == 1)
        #expect(d.link.cooked?.packetType == 0)
        #expect(d.link.sourceMAC == F.workloadHostMAC)
        #expect(d.link.destinationMAC == nil)
        #expect(d.ip?.timeToLive == 64)
        #expect(d.ports?.source == 10002)
        #expect(d.stopReason == nil)
    }

    @Test func sll2LoopbackCarriesAZeroMAC() {
        let frame = FB.sll2(
            protocolType: .ipv4, interfaceIndex: 1, addressType: 772, packetType: 0,
            address: [0, 0, 0, 0, 0, 0], payload: F.podSYN())
        let d = F.dissect(frame, .linuxSLL2)
        #expect(d.link.cooked?.addressType == 772)
        #expect(d.link.sourceMAC == .zero)
        #expect(d.ip != nil)
    }

    @Test func sll2TunnelDeviceHasNoMAC() {
        // tunl0 is ARPHRD_TUNNEL (768) with a 4-byte "address" (its local IPv4 address).
        let frame = FB.sll2(
            protocolType: .ipv4, interfaceIndex: 5, addressType: 768, packetType: 4,
            address: FB.bytes(F.node1), payload: F.podSYN())
        let d = F.dissect(frame, .linuxSLL2)
        #expect(d.link.cooked?.addressType == 768)
        #expect(d.link.cooked?.packetType == 4)
        #expect(d.link.sourceMAC == nil)
        #expect(d.ip?.source == .v4(F.podA))
    }

    @Test func decodesRawIPv4() {
        let d = F.dissect(F.podSYN(), .raw)
        #expect(d.ip != nil)
        #expect(d.link.sourceMAC == nil)
        #expect(d.ip?.source == .v4(F.podA))
        #expect(d.ip?.destination == .v4(F.podB))
        #expect(d.ip?.length == 40)
        #expect(d.ports?.source == 10002)
        #expect(d.stopReason == nil)
    }

    @Test(arguments: [LinkType.raw, .rawLegacy12, .rawLegacy14, .ipv6])
    func decodesRawIPv6(linkType: LinkType) {
        let d = F.dissect(F.podSYNv6(), linkType)
        #expect(d.ip != nil)
        #expect(d.ip?.source == .v6(F.podAv6))
        #expect(d.ip?.destination == .v6(F.podBv6))
        #expect(d.ip?.protocolNumber == .tcp)
        #expect(d.ip?.length == 60)
        #expect(d.ip?.timeToLive == 63)
        #expect(d.ports?.destination == 8080)
        #expect(d.stopReason == nil)
    }

    @Test func decodesLinkTypeIPv4() {
        let d = F.dissect(F.podSYN(), .ipv4)
        #expect(d.ip?.source == .v4(F.podA))
        #expect(d.stopReason == nil)
    }

    @Test(arguments: [UInt8(0x00), 0x55, 0xf0])
    func rejectsABadRawVersionNibble(first: UInt8) {
        var packet = F.podSYN()
        packet[0] = first
        let d = F.dissect(packet, .raw)
        #expect(d.stopReason?.name == "raw_ip_bad_version")
        #expect(d.ip == nil)
        #expect(!d.isTruncated)
        #expect(d.fingerprint == 0)
    }

    @Test func emptyRawPacketIsTruncated() {
        let d = F.dissect([], .raw)
        #expect(d.stopReason?.name == "truncated_raw_ip")
        #expect(d.isTruncated)
        #expect(d.ip == nil)
    }

    @Test func unsupportedLinkTypeIsNamed() {
        let d = F.dissect(F.podSYN(), LinkType(rawValue: 147))
        #expect(d.stopReason?.name == "unsupported_link_type")
        #expect(d.ip == nil)
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
        let packet = isIPv4 ? F.podSYN() : F.podSYNv6()
        let d = F.dissect(FB.loopback(family: family, bigEndian: bigEndian, payload: packet), linkType)
        #expect(d.ip != nil)
        #expect(d.ip?.source == (isIPv4 ? .v4(F.podA) : .v6(F.podAv6)))
        #expect(d.ports?.destination == 8080)
        #expect(d.stopReason == nil)
    }

    @Test func namesAnUnknownLoopbackFamily() {
        let d = F.dissect(FB.loopback(family: 7, bigEndian: false, payload: F.podSYN()), .null)
        #expect(d.stopReason?.name == "loopback_unknown_family")
        #expect(d.ip == nil)
    }
}
