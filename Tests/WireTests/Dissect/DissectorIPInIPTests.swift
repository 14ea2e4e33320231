import Testing
import Wire

private typealias FB = FrameBuilder
private typealias F = DissectorFixtures

/// IP-in-IP in every combination of IPv4 and IPv6.
@Suite struct DissectorIPInIPTests {
    // MARK: IP-in-IP

    @Test func decodesIPIP4in4() {
        let d = F.dissect(F.ipipFrame())
        #expect(Array(d.tunnels) == [
            Encapsulation(kind: .ipInIP, outerSource: .v4(F.node1), outerDestination: .v4(F.node2))
        ])
        #expect(d.tunnels.last?.networkIdentifier == nil)
        #expect(d.tunnels.last?.outerSourcePort == 0)
        #expect(d.tunnels.last?.innerSourceMAC?.firstByte != 0x66)
        #expect(d.ip?.tunnelDepth == 1)
        #expect(d.innermostDecoded)
        #expect(d.link.sourceMAC == F.nic1)
        #expect(d.ip?.source == .v4(F.podA))
        #expect(d.ip?.destination == .v4(F.podB))
        #expect(d.ip?.protocolNumber == .tcp)
        #expect(d.ip?.length == 40)
        #expect(d.ip?.identification == 0xbfe2)
        #expect(d.ip?.timeToLive == 63)
        #expect(d.ports?.source == 10002)
        #expect(d.ports?.destination == 8080)
        #expect(d.transport?.tcp?.flags == .syn)
        #expect(d.transport?.tcp?.sequenceNumber == 0x47fe_2f38)
        #expect(d.stopReason == nil)
        #expect(!d.isTruncated)
    }

    @Test func decodesIPIP6in4() {
        let frame = FB.ethernet(
            etherType: .ipv4,
            payload: FB.ipv4(
                source: F.node1, destination: F.node2, protocolNumber: .ipv6, payload: F.podSYNv6()))
        let d = F.dissect(frame)
        #expect(Array(d.tunnels) == [
            Encapsulation(kind: .ipInIP, outerSource: .v4(F.node1), outerDestination: .v4(F.node2))
        ])
        #expect(d.ip?.tunnelDepth == 1)
        #expect(d.ip?.source == .v6(F.podAv6))
        #expect(d.ip?.destination == .v6(F.podBv6))
        #expect(d.ports?.source == 10002)
        #expect(d.ports?.destination == 8080)
        #expect(d.stopReason == nil)
    }

    @Test func decodesIPIP4in6() {
        let frame = FB.ethernet(
            etherType: .ipv6,
            payload: FB.ipv6(
                source: F.node1v6, destination: F.node2v6, nextHeader: .ipv4, payload: F.podSYN()))
        let d = F.dissect(frame)
        #expect(Array(d.tunnels) == [
            Encapsulation(kind: .ipInIP, outerSource: .v6(F.node1v6), outerDestination: .v6(F.node2v6))
        ])
        #expect(d.ip?.tunnelDepth == 1)
        #expect(d.ip?.source == .v4(F.podA))
        #expect(d.ip?.destination == .v4(F.podB))
        #expect(d.ports?.destination == 8080)
        #expect(d.stopReason == nil)
    }

    @Test func decodesIPIP6in6() {
        let frame = FB.ethernet(
            etherType: .ipv6,
            payload: FB.ipv6(
                source: F.node1v6, destination: F.node2v6, nextHeader: .ipv6, payload: F.podSYNv6()))
        let d = F.dissect(frame)
        #expect(Array(d.tunnels) == [
            Encapsulation(kind: .ipInIP, outerSource: .v6(F.node1v6), outerDestination: .v6(F.node2v6))
        ])
        #expect(d.ip?.source == .v6(F.podAv6))
        #expect(d.ip?.destination == .v6(F.podBv6))
        #expect(d.ip?.length == 60)
        #expect(d.ports?.source == 10002)
        #expect(d.stopReason == nil)
    }

    @Test func firstFragmentOfAnIPIPPacketIsNamed() {
        let frame = FB.ethernet(
            etherType: .ipv4,
            payload: FB.ipv4(
                source: F.node1, destination: F.node2, protocolNumber: .ipv4, dontFragment: false,
                moreFragments: true, payload: F.podSYN()))
        let d = F.dissect(frame)
        #expect(d.stopReason?.name == "fragmented_tunnel_packet")
        #expect(d.tunnels.count == 1)
        #expect(d.ip?.tunnelDepth == 0)
        #expect(!d.innermostDecoded)
    }
}
