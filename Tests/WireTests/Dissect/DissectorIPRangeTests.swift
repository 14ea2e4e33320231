import Testing
import Wire

private typealias FB = FrameBuilder
private typealias F = DissectorFixtures

/// `Dissection.ipRange`: where the innermost IP packet lies in the captured bytes, which
/// `--inner-filter` hands to BPF as a raw IP packet.
@Suite struct DissectorIPRangeTests {
    @Test func plainPacketStartsAfterTheEthernetHeader() {
        let frame = FB.ethernet(destination: F.nic2, source: F.nic1, etherType: .ipv4, payload: F.podSYN())
        let d = F.dissect(frame)
        #expect(d.ipRange == 14..<frame.count)
    }

    @Test func ipipInnerPacketStartsAfterTheOuterHeader() {
        // Ethernet (14) / outer IPv4 (20) / inner IPv4 + TCP: the inner header at 34.
        let frame = F.ipipFrame()
        let d = F.dissect(frame)
        let range = try? #require(d.ipRange)
        #expect(range == 34..<frame.count)
        #expect(range.map { frame[$0.lowerBound] } == 0x45)
        #expect(range.map { Array(frame[($0.lowerBound + 12)..<($0.lowerBound + 16)]) } == [172, 16, 158, 1])
    }

    @Test func vxlanInnerPacketStartsAfterTheInnerEthernetHeader() {
        // Ethernet 14 / IPv4 20 / UDP 8 / VXLAN 8 / inner Ethernet 14 = 64.
        let frame = F.vxlanFrame()
        let d = F.dissect(frame)
        #expect(d.ipRange == 64..<frame.count)
        #expect(d.ip?.source == .v4(F.podA))
    }

    @Test func nestedTunnelsGiveTheInnermostPacket() {
        // Three VXLAN layers of 14 + 20 + 8 + 8 bytes each inside an Ethernet frame, then the SYN.
        let frame = F.tripleVXLAN
        let d = F.dissect(frame)
        #expect(d.tunnels.count == 3)
        #expect(d.ipRange == (14 + 3 * 50)..<frame.count)
    }

    @Test func rawIPStartsAtZero() {
        let packet = F.podSYN()
        let d = F.dissect(packet, .raw)
        #expect(d.ipRange == 0..<packet.count)
    }

    @Test func noIPMeansNoRange() {
        let frame = FB.ethernet(destination: F.nic2, source: F.nic1, etherType: .arp, payload: Array(repeating: 0, count: 28))
        #expect(F.dissect(frame).ipRange == nil)
    }

    @Test func anInnerHeaderCutShortLeavesTheOuterPacketsRange() {
        // The inner IPv4 header is cut to 10 bytes: decoding stops there, and `ip` (the outer
        // header) keeps its own range.
        let frame = Array(F.ipipFrame().prefix(14 + 20 + 10))
        let d = F.dissect(frame)
        #expect(d.ip?.tunnelDepth == 0)
        #expect(d.ipRange == 14..<frame.count)
    }
}
