import Testing
import Wire

private typealias FB = FrameBuilder
private typealias F = DissectorFixtures

/// The other link types: Linux cooked captures (SLL, SLL2), raw IP, loopback, and unsupported ones.
@Suite struct DissectorCookedAndRawLinkTests {
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
