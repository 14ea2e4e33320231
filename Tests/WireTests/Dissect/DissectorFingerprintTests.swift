import Testing
import Wire

private typealias FB = FrameBuilder
private typealias F = DissectorFixtures

/// The cross-capture-point fingerprint.
@Suite struct DissectorFingerprintTests {
    // MARK: Fingerprint

    @Test func fingerprintIsTheSameAtEveryCapturePoint() {
        // One pod packet: IPIP on eth0, raw on tunl0 (both after the sender's routing hop, TTL 63),
        // and on the sender's veth before routing (TTL 64), plus a VXLAN uplink and a VLAN trunk.
        let onUplink = F.dissect(F.ipipFrame(inner: F.podSYN(timeToLive: 63)))
        let onTunl0 = F.dissect(F.podSYN(timeToLive: 63), .raw)
        let onVeth = F.dissect(
            FB.sll2(
                protocolType: .ipv4, interfaceIndex: 9, address: FB.bytes(F.workloadHostMAC),
                payload: F.podSYN(timeToLive: 64)),
            .linuxSLL2)
        let inVXLAN = F.dissect(F.vxlanFrame(inner: F.podSYN(timeToLive: 62)))
        let onTrunk = F.dissect(
            FB.ethernet(tags: [.init(identifier: 7)], etherType: .ipv4, payload: F.podSYN(timeToLive: 1)))
        #expect(onUplink.fingerprint != 0)
        #expect(onTunl0.fingerprint == onUplink.fingerprint)
        #expect(onVeth.fingerprint == onUplink.fingerprint)
        #expect(inVXLAN.fingerprint == onUplink.fingerprint)
        #expect(onTrunk.fingerprint == onUplink.fingerprint)
    }

    @Test func fingerprintTellsPacketsApart() {
        let base = F.dissect(F.podSYN(), .raw).fingerprint
        #expect(F.dissect(F.podSYN(identification: 0xbfe3), .raw).fingerprint != base)
        #expect(F.dissect(F.podSYN(payload: [1]), .raw).fingerprint != base)
        let reply = FB.ipv4(
            source: F.podB, destination: F.podA, protocolNumber: .tcp, identification: 0xbfe2, timeToLive: 63,
            payload: FB.tcp(sourcePort: 8080, destinationPort: 10002, sequence: 0x47fe_2f38, flags: .syn))
        #expect(F.dissect(reply, .raw).fingerprint != base)
        let ack = FB.ipv4(
            source: F.podA, destination: F.podB, protocolNumber: .tcp, identification: 0xbfe2, timeToLive: 63,
            payload: FB.tcp(sourcePort: 10002, destinationPort: 8080, sequence: 0x47fe_2f38, flags: .acknowledgment))
        #expect(F.dissect(ack, .raw).fingerprint != base)
    }
}
