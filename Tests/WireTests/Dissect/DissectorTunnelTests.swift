import Testing
import Wire

private typealias FB = FrameBuilder
private typealias F = DissectorFixtures

/// The other tunnels: Geneve, GRE and WireGuard.
@Suite struct DissectorTunnelTests {
    // MARK: Geneve, GRE, WireGuard

    @Test func recognisesGeneve() {
        let frame = FB.ethernet(
            etherType: .ipv4,
            payload: FB.ipv4(
                source: F.node1, destination: F.node2, protocolNumber: .udp,
                payload: FB.udp(
                    sourcePort: 50000, destinationPort: 6081,
                    payload: FB.geneve(
                        vni: 0x00ab_cdef, optionWords: 2,
                        payload: FB.ethernet(
                            destination: F.vtep2, source: F.vtep1, etherType: .ipv4, payload: F.podSYN())))))
        let d = F.dissect(frame)
        var expected = Encapsulation(
            kind: .geneve, outerSource: .v4(F.node1), outerDestination: .v4(F.node2), outerSourcePort: 50000,
            outerDestinationPort: 6081, networkIdentifier: 0xab_cdef)
        expected.innerSourceMAC = F.vtep1
        expected.innerDestinationMAC = F.vtep2
        #expect(Array(d.tunnels) == [expected])
        #expect(d.ip?.source == .v4(F.podA))
        #expect(d.ports?.destination == 8080)
        #expect(d.stopReason == nil)
    }

    @Test func geneveOffPortIsNotTakenForVXLAN() {
        let frame = FB.ethernet(
            etherType: .ipv4,
            payload: FB.ipv4(
                source: F.node1, destination: F.node2, protocolNumber: .udp,
                payload: FB.udp(
                    sourcePort: 50000, destinationPort: 7000,
                    payload: FB.geneve(
                        vni: 4096,
                        payload: FB.ethernet(etherType: .ipv4, payload: F.podSYN())))))
        let d = F.dissect(frame)
        #expect(d.tunnels.isEmpty)
        #expect(d.ports?.destination == 7000)
        #expect(d.ip?.source == .v4(F.node1))
    }

    @Test func recognisesGREWithAKey() {
        let frame = FB.ethernet(
            etherType: .ipv4,
            payload: FB.ipv4(
                source: F.node1, destination: F.node2, protocolNumber: .gre,
                payload: FB.gre(protocolType: .ipv4, key: 42, payload: F.podSYN())))
        let d = F.dissect(frame)
        #expect(Array(d.tunnels) == [
            Encapsulation(
                kind: .gre, outerSource: .v4(F.node1), outerDestination: .v4(F.node2), networkIdentifier: 42)
        ])
        #expect(d.ip?.tunnelDepth == 1)
        #expect(d.ip?.source == .v4(F.podA))
        #expect(d.ports?.source == 10002)
        #expect(d.stopReason == nil)
    }

    @Test func recognisesGRETransparentEthernetBridging() {
        let frame = FB.ethernet(
            etherType: .ipv4,
            payload: FB.ipv4(
                source: F.node1, destination: F.node2, protocolNumber: .gre,
                payload: FB.gre(
                    protocolType: .transparentEthernetBridging,
                    payload: FB.ethernet(
                        destination: F.nic2, source: F.nic1, etherType: .ipv4, payload: F.podSYN()))))
        let d = F.dissect(frame)
        #expect(d.tunnels.last?.kind == .gre)
        #expect(d.tunnels.last?.networkIdentifier == nil)
        #expect(d.tunnels.last?.innerSourceMAC == F.nic1)
        #expect(d.ip?.source == .v4(F.podA))
    }

    static func wireguardFrame(sourcePort: UInt16 = 51820, destinationPort: UInt16 = 51820, payload: [UInt8]) -> [UInt8] {
        FB.ethernet(
            etherType: .ipv4,
            payload: FB.ipv4(
                source: F.node1, destination: F.node2, protocolNumber: .udp,
                payload: FB.udp(sourcePort: sourcePort, destinationPort: destinationPort, payload: payload)))
    }

    @Test(arguments: [(UInt16(51820), UInt16(51820)), (51820, 40000), (40000, 51820), (51821, 51821)])
    func recognisesWireGuardTransportData(sourcePort: UInt16, destinationPort: UInt16) {
        let frame = Self.wireguardFrame(
            sourcePort: sourcePort, destinationPort: destinationPort,
            payload: FB.wireguardTransport(receiver: 0xab7d_f406, counter: 9, encryptedBlocks: 5))
        let d = F.dissect(frame)
        #expect(d.isWireGuard)
        #expect(d.tunnels.isEmpty)
        #expect(d.ip != nil)
        #expect(d.ip?.source == .v4(F.node1))
        #expect(d.ip?.destination == .v4(F.node2))
        #expect(d.ip?.protocolNumber == .udp)
        #expect(d.ports?.source == sourcePort)
        #expect(d.ports?.destination == destinationPort)
        #expect(d.ip?.length == 20 + 8 + 16 + 80)
        #expect(d.stopReason == nil)
    }

    @Test func nonWireGuardPayloadOnTheWireGuardPort() {
        // A DNS-looking payload, and a type-4 message whose length is not a whole number of blocks.
        let dns: [UInt8] = [0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]
        let ragged = Array(FB.wireguardTransport(receiver: 1, counter: 0, encryptedBlocks: 2).dropLast(3))
        for payload in [dns, ragged] {
            let d = F.dissect(Self.wireguardFrame(payload: payload))
            #expect(!d.isWireGuard)
            #expect(d.tunnels.isEmpty)
            #expect(d.ports?.destination == 51820)
            #expect(d.stopReason == nil)
        }
    }

    @Test func wireGuardPortsComeFromTheOptions() {
        let frame = Self.wireguardFrame(payload: FB.wireguardTransport(receiver: 1, counter: 0))
        let d = F.dissect(frame, options: DissectOptions(wireguardPorts: []))
        #expect(!d.isWireGuard)
        #expect(d.ports?.destination == 51820)
    }
}
