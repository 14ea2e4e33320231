import Testing
import Wire

private typealias FB = FrameBuilder
private typealias F = DissectorFixtures

/// IP fragments and IPv6 extension headers.
@Suite struct DissectorIPTests {
    // MARK: Fragments and IPv6 extension headers

    @Test func ipv4FirstFragmentHasPorts() {
        // The first 48 bytes of a 2008-byte UDP datagram: the UDP length covers the whole datagram.
        let packet = FB.ipv4(
            source: F.podA, destination: F.podB, protocolNumber: .udp, identification: 77,
            dontFragment: false, moreFragments: true,
            payload: FB.udp(sourcePort: 4000, destinationPort: 5000, length: 2008, payload: Array(repeating: 9, count: 40)))
        let d = F.dissect(packet, .raw)
        #expect(d.ip?.isFragment == true)
        #expect(d.ip?.isFirstFragment == true)
        #expect(d.ip?.identification == 77)
        #expect(d.ports != nil)
        #expect(d.ports?.source == 4000)
        #expect(d.ports?.destination == 5000)
        #expect(d.ip?.length == 68)
        #expect(d.stopReason == nil)
        // Every byte of the fragment was captured: the UDP length describes the reassembled
        // datagram, so this is not a snaplen cut.
        let truncated = d.isTruncated
        #expect(!truncated, "a complete first fragment is not a snaplen cut")
    }

    @Test func ipv4LaterFragmentHasNoPorts() {
        let packet = FB.ipv4(
            source: F.podA, destination: F.podB, protocolNumber: .udp, identification: 77,
            dontFragment: false, fragmentOffset: 1480, payload: Array(repeating: 0x11, count: 100))
        let d = F.dissect(packet, .raw)
        #expect(d.ip?.isFragment == true)
        #expect(d.ip?.isFirstFragment == false)
        #expect(d.ip?.identification == 77)
        #expect(d.ip?.protocolNumber == .udp)
        #expect(d.transport == nil)
        #expect(d.ports == nil)
        #expect(d.ip?.length == 120)
        #expect(d.stopReason == nil)
        #expect(!d.isTruncated)
    }

    @Test func ipv6FirstFragment() {
        let packet = FB.ipv6(
            source: F.podAv6, destination: F.podBv6, nextHeader: .fragment,
            payload: FB.ipv6Fragment(
                nextHeader: .udp, offset: 0, moreFragments: true, identification: 0xdead_beef,
                payload: FB.udp(sourcePort: 4000, destinationPort: 5000, length: 3000, payload: Array(repeating: 1, count: 32))))
        let d = F.dissect(packet, .raw)
        #expect(d.ip?.isFragment == true)
        #expect(d.ip?.isFirstFragment == true)
        #expect(d.ip?.identification == 0xdead_beef)
        #expect(d.ip?.protocolNumber == .udp)
        #expect(d.ports != nil)
        #expect(d.ports?.source == 4000)
        #expect(d.ip?.length == 40 + 8 + 8 + 32)
        #expect(d.stopReason == nil)
        let truncated = d.isTruncated
        #expect(!truncated, "a complete first fragment is not a snaplen cut")
    }

    @Test func ipv6LaterFragment() {
        let packet = FB.ipv6(
            source: F.podAv6, destination: F.podBv6, nextHeader: .fragment,
            payload: FB.ipv6Fragment(
                nextHeader: .udp, offset: 1448, moreFragments: false, identification: 0xdead_beef,
                payload: Array(repeating: 2, count: 64)))
        let d = F.dissect(packet, .raw)
        #expect(d.ip?.isFragment == true)
        #expect(d.ip?.isFirstFragment == false)
        #expect(d.ip?.identification == 0xdead_beef)
        #expect(d.ip?.protocolNumber == .udp)
        #expect(d.ports == nil)
        #expect(d.stopReason == nil)
    }

    @Test func walksAHopByHopHeader() {
        let packet = FB.ipv6(
            source: F.podAv6, destination: F.podBv6, nextHeader: .hopByHop,
            payload: FB.ipv6HopByHop(
                nextHeader: .tcp, payload: FB.tcp(sourcePort: 1234, destinationPort: 80, flags: .syn)))
        let d = F.dissect(packet, .raw)
        #expect(d.ip?.protocolNumber == .tcp)
        #expect(d.ports?.source == 1234)
        #expect(d.ports?.destination == 80)
        #expect(d.transport?.tcp?.flags == .syn)
        #expect(d.ip?.length == 68)
        #expect(d.ip?.isFragment == false)
        #expect(d.stopReason == nil)
    }
}
