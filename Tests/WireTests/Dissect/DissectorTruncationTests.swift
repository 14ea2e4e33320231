import Testing
import Wire

private typealias FB = FrameBuilder
private typealias F = DissectorFixtures

/// Snaplen cuts at every length, Ethernet padding and TSO lengths.
@Suite struct DissectorTruncationTests {
    // MARK: Truncation, padding, offload

    /// Every prefix of the IPIP frame: no trap, and either a complete inner tuple or a
    /// `truncated_*` anomaly; every proper prefix is flagged as truncated.
    @Test(arguments: 0...DissectorFixtures.ipipSweepFrame.count)
    func everyPrefixOfAnIPIPFrame(length: Int) {
        let frame = F.ipipSweepFrame
        let d = F.dissect(Array(frame.prefix(length)))
        if let anomaly = d.stopReason?.name {
            #expect(anomaly.hasPrefix("truncated_"), "prefix \(length): \(anomaly)")
            #expect(d.ports == nil)
        } else {
            #expect(d.tunnels.count == 1)
            #expect(d.innermostDecoded)
            #expect(d.ip?.source == .v4(F.podA))
            #expect(d.ports?.source == 10002)
            #expect(d.ports?.destination == 8080)
        }
        #expect(d.isTruncated == (length < frame.count), "prefix \(length)")
        // Everything up to the end of the inner TCP header must decode completely.
        #expect((d.stopReason?.name == nil) == (length >= 14 + 20 + 20 + 20))
    }

    /// Every prefix of the VXLAN frame, the same way.
    @Test(arguments: 0...DissectorFixtures.vxlanSweepFrame.count)
    func everyPrefixOfAVXLANFrame(length: Int) {
        let frame = F.vxlanSweepFrame
        let d = F.dissect(Array(frame.prefix(length)))
        if let anomaly = d.stopReason?.name {
            #expect(anomaly.hasPrefix("truncated_"), "prefix \(length): \(anomaly)")
        } else {
            #expect(d.tunnels.count == 1)
            #expect(d.innermostDecoded)
            #expect(d.ip?.source == .v4(F.podA))
            #expect(d.ports?.source == 0x2952)
            #expect(d.transport?.icmp?.echo == .request)
        }
        #expect(d.isTruncated == (length < frame.count), "prefix \(length)")
        // Outer Ethernet, IPv4, UDP, VXLAN, inner Ethernet, IPv4, ICMP header.
        #expect((d.stopReason?.name == nil) == (length >= 14 + 20 + 8 + 8 + 14 + 20 + 8))
    }

    @Test func snaplenCutKeepsTheFlowFields() {
        let frame = FB.ethernet(
            etherType: .ipv4,
            payload: FB.ipv4(
                source: F.podA, destination: F.podB, protocolNumber: .udp,
                payload: FB.udp(sourcePort: 5000, destinationPort: 6000, payload: Array(1...200))))
        let d = F.dissect(Array(frame.prefix(14 + 20 + 8 + 10)))
        #expect(d.isTruncated)
        #expect(d.stopReason == nil)
        #expect(d.ports != nil)
        #expect(d.ports?.source == 5000)
        #expect(d.ports?.destination == 6000)
        #expect(d.ip?.length == 228)
        #expect(d.transport?.udp?.payloadDigest == 0x0102_0304_0506_0708)
    }

    @Test func ethernetPaddingDoesNotReachTheIPPayload() {
        let frame = FB.ethernet(
            etherType: .ipv4,
            payload: FB.ipv4(
                source: F.podA, destination: F.podB, protocolNumber: .udp,
                payload: FB.udp(sourcePort: 5000, destinationPort: 6000, payload: [0x01, 0x02])),
            padTo: 60, padByte: 0xaa)
        #expect(frame.count == 60)
        let d = F.dissect(frame)
        #expect(d.ip?.length == 30)
        #expect(!d.isTruncated)
        #expect(d.transport?.udp?.payloadDigest == 0x0102)
        #expect(d.stopReason == nil)
    }

    @Test func tsoTotalLengthZeroCountsTheCapturedBytes() {
        let frame = FB.ethernet(
            etherType: .ipv4,
            payload: FB.ipv4(
                source: F.podA, destination: F.podB, protocolNumber: .tcp, totalLength: 0,
                payload: FB.tcp(
                    sourcePort: 10002, destinationPort: 8080, flags: [.acknowledgment],
                    payload: Array(repeating: 0x61, count: 1000))))
        let d = F.dissect(frame)
        #expect(d.ip?.length == 1040)
        #expect(!d.isTruncated)
        #expect(d.ports != nil)
        #expect(d.ports?.destination == 8080)
        #expect(d.stopReason == nil)
    }
}
