import Testing
import Wire

private typealias FB = FrameBuilder
private typealias F = DissectorFixtures

/// Ethernet links: addresses, VLAN tags, non-IP frames and ARP.
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
        #expect(d.transport?.icmp?.echo == nil)
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
}
