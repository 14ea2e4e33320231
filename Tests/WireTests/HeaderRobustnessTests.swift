import Testing
import Wire

/// smoltcp's fuzz oracle, deterministic: arbitrary bytes never trap a decoder, and whatever
/// decodes keeps `headerLength <= payloadEnd <= byteCount`.
@Suite struct HeaderRobustnessTests {
    /// xorshift64*: a fixed seed, so failures reproduce.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state >> 12
            state ^= state << 25
            state ^= state >> 27
            return state &* 0x2545_f491_4f6c_dd1d
        }
        mutating func bytes(count: Int) -> [UInt8] {
            (0..<count).map { _ in UInt8(truncatingIfNeeded: next() >> 32) }
        }
    }

    /// Every fixture of the header suites: their bit flips stay close to valid headers.
    static let fixtures: [[UInt8]] = [
        EthernetFrameTests.qInQ, LinuxSLLHeaderTests.broadcast, LinuxSLL2HeaderTests.podSYN,
        ARPPacketTests.request, IPv4HeaderTests.ipInIP, IPv4HeaderTests.withOptions,
        IPv6HeaderTests.hopByHopFragment, IPv6HeaderTests.authenticated, UDPHeaderTests.vxlanDatagram,
        TCPHeaderTests.syn, VXLANHeaderTests.calico, GeneveHeaderTests.gcp, GREHeaderTests.pptp,
        WireGuardMessageTests.cookieReply, ERSPANHeaderTests.typeIIIWithSubheader, ERSPANHeaderTests.typeII,
        CiscoMetadataHeaderTests.metadata,
    ]

    static func checkEveryDecoder(_ bytes: [UInt8]) {
        let count = bytes.count
        func check(_ range: Range<Int>, _ name: String) {
            #expect(range.lowerBound >= 0 && range.upperBound <= count, "\(name) \(range) of \(count) bytes")
        }
        let span = bytes.span.bytes
        if let header = try? EthernetFrame(parsing: span) { check(header.payloadRange, "ethernet") }
        if let header = try? LinuxSLLHeader(parsing: span) { check(header.payloadRange, "sll") }
        if let header = try? LinuxSLL2Header(parsing: span) { check(header.payloadRange, "sll2") }
        if let header = try? LoopbackHeader(parsing: span, bigEndianOnly: false) { check(header.payloadRange, "null") }
        if let header = try? ARPPacket(parsing: span) { check(header.payloadRange, "arp") }
        if let header = try? IPv4Header(parsing: span) { check(header.payloadRange, "ipv4") }
        if let header = try? IPv6Header(parsing: span) { check(header.payloadRange, "ipv6") }
        if let header = try? UDPHeader(parsing: span) { check(header.payloadRange, "udp") }
        if let header = try? TCPHeader(parsing: span) { check(header.payloadRange, "tcp") }
        if let header = try? ICMPHeader(parsing: span) { check(header.payloadRange, "icmp") }
        if let header = try? ICMPHeader(parsing: span, version: .v6) { check(header.payloadRange, "icmpv6") }
        if let header = try? VXLANHeader(parsing: span) { check(header.payloadRange, "vxlan") }
        if let header = try? GeneveHeader(parsing: span) { check(header.payloadRange, "geneve") }
        if let header = try? GREHeader(parsing: span) { check(header.payloadRange, "gre") }
        if let header = try? WireGuardMessage(parsing: span) { check(header.payloadRange, "wireguard") }
        if let header = try? ERSPANHeader(parsing: span, typeIII: false) { check(header.payloadRange, "erspan II") }
        if let header = try? ERSPANHeader(parsing: span, typeIII: true) { check(header.payloadRange, "erspan III") }
        if let header = try? CiscoMetadataHeader(parsing: span) { check(header.payloadRange, "cisco metadata") }
    }

    @Test func randomBytesNeverTrap() {
        var generator = Generator(state: 0x9e37_79b9_7f4a_7c15)
        for _ in 0..<3000 {
            let length = Int(generator.next() % 160)
            Self.checkEveryDecoder(generator.bytes(count: length))
        }
    }

    @Test(arguments: 0..<fixtures.count) func everySingleBitFlipOfAFixtureIsHandled(index: Int) {
        let fixture = Self.fixtures[index]
        for bit in 0..<(fixture.count * 8) {
            var bytes = fixture
            bytes[bit / 8] ^= 1 << UInt8(bit % 8)
            Self.checkEveryDecoder(bytes)
            Self.checkEveryDecoder(Array(bytes.prefix(bit / 8)))
        }
    }
}
