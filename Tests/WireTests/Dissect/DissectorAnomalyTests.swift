import Testing
import Wire

private typealias FB = FrameBuilder
private typealias F = DissectorFixtures

/// Every anomaly of a packet is kept, in the order met: an inner tunnel's irregularity no longer
/// hides the outer one's, and why decoding stopped comes last.
@Suite struct DissectorAnomalyTests {
    /// Ethernet / IPv4 / UDP 4789 / VXLAN 4096 with a reserved bit set / Ethernet /
    /// IPv4 / UDP 4789 / VXLAN with the I flag clear / Ethernet / the pod ping.
    static let twoIrregularVXLANs: [UInt8] = FB.ethernet(
        etherType: .ipv4,
        payload: F.vxlanPacket(
            reservedAfterVNI: 0x01,
            inner: F.vxlanPacket(
                outerSource: FB.v4("10.0.2.1"), outerDestination: FB.v4("10.0.2.2"), flags: 0x00)))

    @Test func keepsTheIrregularitiesOfEveryTunnelInOrder() {
        let d = F.dissect(Self.twoIrregularVXLANs)
        #expect(d.anomalies.map(\.name) == ["vxlan_reserved_bits_set", "vxlan_i_flag_clear"])
        #expect(d.anomalies.overflowCount == 0)
        #expect(d.stopReason == nil)
        #expect(d.anomalies.lastIrregularity == .vxlanIFlagClear)
        #expect(d.tunnels.count == 2)
        #expect(d.innermostDecoded)
        #expect(d.ip?.source == .v4(F.podA))
    }

    @Test func theAnomalyThatStoppedDecodingComesLast() {
        let d = F.dissect(Self.twoIrregularVXLANs, options: DissectOptions(maximumEncapsulationDepth: 1))
        #expect(
            d.anomalies.map(\.name) == [
                "vxlan_reserved_bits_set", "vxlan_i_flag_clear", "encapsulation_depth_exceeded",
            ])
        #expect(d.stopReason == .encapsulationDepthExceeded)
        #expect(d.anomalies.lastIrregularity == .vxlanIFlagClear)
        #expect(d.tunnels.count == 1)
        #expect(!d.innermostDecoded)
    }

    @Test func aCleanPacketHasNoAnomaly() {
        let d = F.dissect(F.vxlanFrame())
        #expect(d.anomalies.isEmpty)
        #expect(d.stopReason == nil)
        #expect(d.anomalies.lastIrregularity == nil)
    }

    @Test func aDecodeErrorIsTheStopReason() {
        let d = F.dissect(Array(F.ipipFrame().prefix(14 + 20 + 10)))
        #expect(d.stopReason == .decode(.truncated(.ipv4, needed: 20, available: 10)))
        #expect(d.anomalies.count == 1)
        #expect(d.isTruncated)
    }

    // MARK: The fixed-capacity lists

    @Test func anomaliesBeyondCapacityAreCounted() {
        var anomalies = PacketAnomalies()
        for _ in 0..<(PacketAnomalies.capacity + 2) { anomalies.append(.vxlanReservedBitsSet) }
        #expect(anomalies.count == PacketAnomalies.capacity)
        #expect(anomalies.overflowCount == 2)
        #expect(anomalies.stopReason == nil)
        // Why decoding stopped is never lost: it takes the last place.
        anomalies.append(.dissectorStepLimit)
        #expect(anomalies.count == PacketAnomalies.capacity)
        #expect(anomalies.overflowCount == 3)
        #expect(anomalies.last == .dissectorStepLimit)
        #expect(anomalies.stopReason == .dissectorStepLimit)
    }

    @Test func tunnelStackIsACollectionWithoutMadeUpEntries() {
        var stack = EncapsulationStack()
        #expect(stack.isEmpty)
        #expect(stack.first == nil && stack.last == nil)
        stack.updateInnermost { $0.networkIdentifier = 1 }  // nothing to update
        #expect(stack.isEmpty)
        for index in 0..<EncapsulationStack.capacity {
            let tunnel = Encapsulation(
                kind: .vxlan, outerSource: .v4(IPv4Address(10, 0, 0, UInt8(index))),
                outerDestination: .v4(IPv4Address(10, 0, 1, UInt8(index))), networkIdentifier: UInt32(index))
            let pushed = stack.push(tunnel)
            #expect(pushed)
        }
        let refused = Encapsulation(
            kind: .ipInIP, outerSource: .v4(IPv4Address(1, 1, 1, 1)), outerDestination: .v4(IPv4Address(2, 2, 2, 2)))
        let pushedBeyondCapacity = stack.push(refused)
        #expect(!pushedBeyondCapacity)
        #expect(stack.count == EncapsulationStack.capacity)
        #expect(stack.map(\.networkIdentifier) == (0..<UInt32(EncapsulationStack.capacity)).map { $0 })
        stack.updateInnermost { $0.innerSourceMAC = MACAddress(rawValue: 0x02_00_00_00_00_01) }
        #expect(stack.last?.innerSourceMAC == MACAddress(rawValue: 0x02_00_00_00_00_01))
        #expect(stack.first?.innerSourceMAC == nil)
        #expect(Array(stack.reversed()).first == stack.last)
    }
}
