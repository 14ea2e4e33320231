import Testing
import Wire

private typealias FB = FrameBuilder
private typealias F = DissectorFixtures

/// VXLAN: by port, by header, its flag irregularities, nesting and the depth limit.
@Suite struct DissectorVXLANTests {
    // MARK: VXLAN

    @Test func decodesVXLANOn4789() {
        let d = F.dissect(F.vxlanFrame())
        var expected = Encapsulation(
            kind: .vxlan, outerSource: .v4(F.node1), outerDestination: .v4(F.node2), outerSourcePort: 39755,
            outerDestinationPort: 4789, networkIdentifier: 4096, detectedByHeader: false)
        expected.innerSourceMAC = F.vtep1
        expected.innerDestinationMAC = F.vtep2
        #expect(Array(d.tunnels) == [expected])
        #expect(d.tunnels.last?.innerSourceMAC?.firstByte == 0x66)
        #expect(d.link.sourceMAC == F.nic1)
        #expect(d.ip?.tunnelDepth == 1)
        #expect(d.innermostDecoded)
        #expect(d.ip?.source == .v4(F.podA))
        #expect(d.ip?.destination == .v4(F.podB))
        #expect(d.ip?.protocolNumber == .icmp)
        #expect(d.ip?.length == 44)
        #expect(d.ip?.identification == 0x0d0d)
        #expect(d.ports != nil)
        #expect(d.ports?.source == 0x2952)
        #expect(d.ports?.destination == 0x2952)
        #expect(d.transport?.icmp?.echo == .request)
        #expect(d.transport?.icmp?.sequenceNumber == 23)
        #expect(d.transport?.icmp?.payloadDigest == 0x0102_0304_0506_0708)
        #expect(d.stopReason == nil)
        #expect(d.anomalies.isEmpty)
    }

    @Test func vxlanWithoutVTEPMACsIsNotCalicos() {
        let d = F.dissect(F.vxlanFrame(innerSource: FB.mac(0x0a_58_0a_f4_01_01), innerDestination: FB.mac(0x0a_58_0a_f4_02_01)))
        #expect(d.tunnels.last?.kind == .vxlan)
        #expect(d.tunnels.last?.innerSourceMAC?.firstByte != 0x66)
        #expect(d.tunnels.last?.innerSourceMAC == FB.mac(0x0a_58_0a_f4_01_01))
    }

    @Test func vxlanOn8472IsDetectedByItsHeader() {
        let d = F.dissect(F.vxlanFrame(port: 8472, vni: 1))
        #expect(d.tunnels.count == 1)
        #expect(d.tunnels.last?.kind == .vxlan)
        #expect(d.tunnels.last?.detectedByHeader == true)
        #expect(d.tunnels.last?.outerDestinationPort == 8472)
        #expect(d.tunnels.last?.networkIdentifier == 1)
        #expect(d.ip?.source == .v4(F.podA))
        #expect(d.stopReason == nil)
    }

    @Test func vxlanOn8472IsPlainUDPWithoutDetection() {
        let options = DissectOptions(vxlanPorts: [4789], detectsVXLANByHeader: false)
        let d = F.dissect(F.vxlanFrame(port: 8472, vni: 4096), options: options)
        #expect(d.tunnels.isEmpty)
        #expect(d.innermostDecoded)
        #expect(d.ip?.source == .v4(F.node1))
        #expect(d.ip?.destination == .v4(F.node2))
        #expect(d.ip?.protocolNumber == .udp)
        #expect(d.ports?.source == 39755)
        #expect(d.ports?.destination == 8472)
        // The UDP payload's first word: the VXLAN header, flags 0x08 and VNI 4096.
        #expect(d.transport?.udp?.payloadDigest == 0x0800_0000_0010_0000)
        #expect(d.stopReason == nil)
    }

    @Test func vxlanOn8472WhenConfigured() {
        let options = DissectOptions(vxlanPorts: [8472], detectsVXLANByHeader: false)
        let d = F.dissect(F.vxlanFrame(port: 8472, vni: 1), options: options)
        #expect(d.tunnels.count == 1)
        #expect(d.tunnels.last?.detectedByHeader == false)
        #expect(d.tunnels.last?.outerDestinationPort == 8472)
        #expect(d.ip?.source == .v4(F.podA))
    }

    @Test func vxlanOn4789IsPlainWhenNotConfigured() {
        let options = DissectOptions(vxlanPorts: [], detectsVXLANByHeader: false)
        let d = F.dissect(F.vxlanFrame(), options: options)
        #expect(d.tunnels.isEmpty)
        #expect(d.ports?.destination == 4789)
        #expect(d.ip?.source == .v4(F.node1))
    }

    @Test func vxlanCarryingARPHasNoFlowAndNoAnomaly() {
        let arp = FB.arp(senderMAC: F.vtep1, senderAddress: FB.v4("172.16.158.0"), targetAddress: FB.v4("172.16.184.0"))
        let d = F.dissect(F.vxlanFrame(innerDestination: MACAddress(rawValue: 0xffff_ffff_ffff), innerEtherType: .arp, inner: arp))
        #expect(d.tunnels.count == 1)
        #expect(d.tunnels.last?.innerSourceMAC == F.vtep1)
        #expect(d.ip != nil)  // the outer header
        #expect(d.ip?.tunnelDepth == 0)
        #expect(!d.innermostDecoded)
        #expect(d.arp?.senderAddress == FB.v4("172.16.158.0"))
        #expect(d.stopReason == nil)
        #expect(d.anomalies.isEmpty)
    }

    @Test func vxlanCarryingARPIsDetectedByHeaderOffPort() {
        let arp = FB.arp(senderMAC: F.vtep1, senderAddress: FB.v4("10.244.1.0"), targetAddress: FB.v4("10.244.2.0"))
        let d = F.dissect(F.vxlanFrame(port: 8472, innerEtherType: .arp, inner: arp))
        #expect(d.tunnels.last?.detectedByHeader == true)
        #expect(d.arp?.senderAddress == FB.v4("10.244.1.0"))
        #expect(d.stopReason == nil)
    }

    @Test func vxlanReservedBitsAreANotice() {
        let d = F.dissect(F.vxlanFrame(reservedAfterVNI: 0x01))
        #expect(d.anomalies.map(\.name) == ["vxlan_reserved_bits_set"])
        #expect(d.stopReason == nil)
        #expect(d.tunnels.last?.networkIdentifier == 4096)
        #expect(d.innermostDecoded)
        #expect(d.ip?.source == .v4(F.podA))
    }

    @Test func vxlanIFlagClearIsANotice() {
        let d = F.dissect(F.vxlanFrame(flags: 0x00))
        #expect(d.anomalies.map(\.name) == ["vxlan_i_flag_clear"])
        #expect(d.stopReason == nil)
        #expect(d.tunnels.count == 1)
        #expect(d.ip?.source == .v4(F.podA))
    }

    @Test(arguments: [(UInt8(0x08), UInt8(0x01)), (0x00, 0x00), (0x0c, 0x00)])
    func malformedVXLANHeaderIsNotDetectedOffPort(flags: UInt8, reserved: UInt8) {
        let d = F.dissect(F.vxlanFrame(port: 8472, flags: flags, reservedAfterVNI: reserved))
        #expect(d.tunnels.isEmpty)
        #expect(d.ports?.destination == 8472)
        #expect(d.anomalies.isEmpty)
    }

    @Test func followsThreeNestedVXLANTunnels() {
        let d = F.dissect(F.tripleVXLAN)
        let stack = Array(d.tunnels)
        #expect(stack.map(\.kind) == [.vxlan, .vxlan, .vxlan])
        #expect(stack.map(\.networkIdentifier) == [1, 2, 3])
        #expect(stack.map(\.outerSource) == [.v4(FB.v4("10.0.1.1")), .v4(FB.v4("10.0.2.1")), .v4(FB.v4("10.0.3.1"))])
        #expect(stack.map(\.outerDestination) == [.v4(FB.v4("10.0.1.2")), .v4(FB.v4("10.0.2.2")), .v4(FB.v4("10.0.3.2"))])
        #expect(d.tunnels.last == stack[2])
        #expect(d.tunnels.first == stack[0])
        #expect(d.ip?.tunnelDepth == 3)
        #expect(d.innermostDecoded)
        #expect(d.ip?.source == .v4(F.podA))
        #expect(d.ip?.destination == .v4(F.podB))
        #expect(d.ports?.source == 10002)
        #expect(d.ports?.destination == 8080)
        #expect(d.stopReason == nil)
    }

    @Test func stopsAtTheEncapsulationDepthLimit() {
        let d = F.dissect(F.tripleVXLAN, options: DissectOptions(maximumEncapsulationDepth: 2))
        #expect(d.stopReason?.name == "encapsulation_depth_exceeded")
        #expect(d.tunnels.count == 2)
        #expect(Array(d.tunnels).map(\.networkIdentifier) == [1, 2])
        #expect(d.ip?.source != .v4(F.podA))
    }
}
