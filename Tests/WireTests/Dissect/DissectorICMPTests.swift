import Testing
import Wire

private typealias FB = FrameBuilder
private typealias F = DissectorFixtures

/// ICMP and ICMPv6 by one path: echo identifiers and the packet an error quotes.
@Suite struct DissectorICMPTests {
    // MARK: ICMP

    @Test(arguments: [true, false])
    func icmpEchoUsesTheIdentifierAsBothPorts(request: Bool) {
        let packet = FB.ipv4(
            source: F.podA, destination: F.podB, protocolNumber: .icmp,
            payload: FB.icmpEcho(request: request, identifier: 0x2952, sequence: 7, payload: Array(1...4)))
        let d = F.dissect(packet, .raw)
        #expect(d.ports != nil)
        #expect(d.ports?.source == 0x2952)
        #expect(d.ports?.destination == 0x2952)
        #expect(d.transport?.icmp?.echo == (request ? .request : .reply))
        #expect(d.transport?.icmp?.type == (request ? 8 : 0))
        #expect(d.transport?.icmp?.code == 0)
        #expect(d.transport?.icmp?.sequenceNumber == 7)
        #expect(d.transport?.icmp?.payloadDigest == 0x0102_0304)
        #expect(d.transport?.icmp?.quoted == nil)
    }

    /// The datagram an unreachable quotes: pod A 5353 → pod B 53, total length 128 claimed,
    /// `upperBytes` of its UDP/TCP header kept.
    static func quote(_ protocolNumber: IPProtocol, upperBytes: Int) -> [UInt8] {
        let upper = protocolNumber == .tcp
            ? FB.tcp(sourcePort: 5353, destinationPort: 53, flags: .syn)
            : FB.udp(sourcePort: 5353, destinationPort: 53, length: 108, payload: [])
        return FB.ipv4(
            source: F.podA, destination: F.podB, protocolNumber: protocolNumber, identification: 0x0777,
            totalLength: 128, payload: Array(upper.prefix(upperBytes)))
    }

    /// `source:port > destination:port protocol`, every field of a quoted packet in one string.
    static func text(_ quoted: QuotedPacket?) -> String? {
        quoted.map {
            "\($0.source):\($0.sourcePort) > \($0.destination):\($0.destinationPort) \($0.protocolNumber)"
        }
    }

    @Test(arguments: [(IPProtocol.udp, 8), (.tcp, 8), (.tcp, 4), (.udp, 4)])
    func unreachableQuotesThePorts(protocolNumber: IPProtocol, upperBytes: Int) {
        let packet = FB.ipv4(
            source: F.node2, destination: F.podA, protocolNumber: .icmp,
            payload: FB.icmpError(type: 3, code: 3, quoting: Self.quote(protocolNumber, upperBytes: upperBytes)))
        let d = F.dissect(packet, .raw)
        #expect(Self.text(d.transport?.icmp?.quoted) == "172.16.158.1:5353 > 172.16.184.1:53 \(protocolNumber)")
        #expect(d.ports == nil)
        #expect(d.transport?.icmp?.type == 3)
        #expect(d.transport?.icmp?.code == 3)
        #expect(d.transport?.icmp?.echo == nil)
        #expect(d.ip?.source == .v4(F.node2))
        #expect(!d.isTruncated)
        #expect(d.stopReason == nil)
    }

    @Test func quoteTooShortForPortsKeepsTheAddresses() {
        let packet = FB.ipv4(
            source: F.node2, destination: F.podA, protocolNumber: .icmp,
            payload: FB.icmpError(type: 11, code: 0, quoting: Self.quote(.udp, upperBytes: 2)))
        let d = F.dissect(packet, .raw)
        #expect(Self.text(d.transport?.icmp?.quoted) == "172.16.158.1:0 > 172.16.184.1:0 udp")
    }

    @Test func quoteWithoutAnIPHeaderIsIgnored() {
        let packet = FB.ipv4(
            source: F.node2, destination: F.podA, protocolNumber: .icmp,
            payload: FB.icmpError(type: 3, code: 1, quoting: Array(Self.quote(.udp, upperBytes: 8).prefix(12))))
        let d = F.dissect(packet, .raw)
        #expect(d.transport?.icmp?.quoted == nil)
        #expect(d.transport?.icmp?.type == 3)
        #expect(d.stopReason == nil)
    }

    @Test func unreachableQuotingAnEchoUsesItsIdentifier() {
        let echo = FB.ipv4(
            source: F.podA, destination: F.podB, protocolNumber: .icmp,
            payload: FB.icmpEcho(request: true, identifier: 0x0bad, sequence: 1))
        let packet = FB.ipv4(
            source: F.node2, destination: F.podA, protocolNumber: .icmp,
            payload: FB.icmpError(type: 3, code: 1, quoting: echo))
        let d = F.dissect(packet, .raw)
        #expect(d.transport?.icmp?.quoted?.protocolNumber == .icmp)
        #expect(d.transport?.icmp?.quoted?.sourcePort == 0x0bad)
        #expect(d.transport?.icmp?.quoted?.destinationPort == 0x0bad)
    }

    @Test(arguments: [true, false])
    func icmpv6Echo(request: Bool) {
        let packet = FB.ipv6(
            source: F.podAv6, destination: F.podBv6, nextHeader: .icmpv6,
            payload: FB.icmpv6Echo(request: request, identifier: 77, sequence: 3))
        let d = F.dissect(packet, .raw)
        #expect(d.ip?.protocolNumber == .icmpv6)
        #expect(d.ports != nil)
        #expect(d.ports?.source == 77)
        #expect(d.ports?.destination == 77)
        #expect(d.transport?.icmp?.echo == (request ? .request : .reply))
        #expect(d.transport?.icmp?.type == (request ? 128 : 129))
        #expect(d.transport?.icmp?.sequenceNumber == 3)
    }

    @Test func icmpv6ErrorQuotesThePacket() {
        let quoted = FB.ipv6(
            source: F.podAv6, destination: F.podBv6, nextHeader: .udp, payloadLength: 200,
            payload: FB.udp(sourcePort: 40000, destinationPort: 53, length: 200, payload: []))
        let packet = FB.ipv6(
            source: F.node2v6, destination: F.podAv6, nextHeader: .icmpv6,
            payload: FB.icmpv6Error(type: 1, code: 4, quoting: quoted))
        let d = F.dissect(packet, .raw)
        #expect(Self.text(d.transport?.icmp?.quoted) == "fd00:10:244:158::1:40000 > fd00:10:244:184::1:53 udp")
        #expect(d.transport?.icmp?.type == 1)
        #expect(d.transport?.icmp?.code == 4)
        #expect(d.ports == nil)
        #expect(d.transport?.icmp?.echo == nil)
        #expect(!d.isTruncated)
    }
}
