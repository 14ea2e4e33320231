import Testing
import Wire

@Suite struct IPv4HeaderTests {
    /// `lab/ipip/w1-eth0.pcap`, first IP-in-IP packet (`tcpdump -r … -xx 'ip proto 4' -c 1`),
    /// after its Ethernet header: a Calico IPIP SYN from pod 172.16.158.1 to 172.16.184.1.
    static let ipInIP: [UInt8] = [
        // IPv4 (outer)
        0x45, 0x00, 0x00, 0x50,  // version 4, IHL 5, DSCP 0, total length 80
        0x6c, 0x24, 0x40, 0x00,  // id 0x6c24, DF, offset 0
        0x3f, 0x04, 0x39, 0x6a,  // TTL 63, protocol 4 (IPIP), checksum 0x396a
        0xc0, 0xa8, 0x0a, 0x65,  // source 192.168.10.101
        0xc0, 0xa8, 0x0a, 0x66,  // destination 192.168.10.102
        // IPv4 (inner)
        0x45, 0x00, 0x00, 0x3c, 0xbf, 0xe2, 0x40, 0x00, 0x3f, 0x06, 0xcd, 0xb5,
        0xac, 0x10, 0x9e, 0x01, 0xac, 0x10, 0xb8, 0x01,  // 172.16.158.1 > 172.16.184.1
        // TCP 10002 > 8080 [S] with options
        0x27, 0x12, 0x1f, 0x90, 0x47, 0xfe, 0x2f, 0x38, 0x00, 0x00, 0x00, 0x00,
        0xa0, 0x02, 0xfd, 0x20, 0xdd, 0xe3, 0x00, 0x00,
        0x02, 0x04, 0x05, 0xa0, 0x04, 0x02, 0x08, 0x0a, 0xdf, 0x15, 0x21, 0xfa,
        0x00, 0x00, 0x00, 0x00, 0x01, 0x03, 0x03, 0x0a,
    ]

    /// `public/zeek_zeek/fragmented-1.pcap`, first frame after Ethernet: the first fragment
    /// (MF, offset 0) of a 38-byte datagram, followed by 8 bytes of Ethernet padding (60-byte frame).
    static let firstFragmentPadded: [UInt8] = [
        // IPv4
        0x45, 0x00, 0x00, 0x26,  // IHL 5, total length 38
        0x00, 0xf2, 0x20, 0x00,  // id 242, MF, offset 0
        0x40, 0x11, 0x1a, 0xf2,  // TTL 64, UDP, checksum
        0xa4, 0x01, 0x7b, 0xa3,  // source 164.1.123.163
        0xa4, 0x01, 0x7b, 0x3d,  // destination 164.1.123.61
        // UDP 123 > 137, length 18
        0x00, 0x7b, 0x00, 0x89, 0x00, 0x12, 0xbf, 0xe2,
        // 10 data bytes
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        // Ethernet padding
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    ]

    /// The same file, second frame: a non-first fragment (offset 6 × 8 = 48, no MF), total
    /// length 136. Its payload happens to look like a UDP header but is not one; the 108 bytes
    /// after those 8 are all zero in the capture.
    static let laterFragment: [UInt8] =
        [
            0x45, 0x00, 0x00, 0x88,  // IHL 5, total length 136
            0x00, 0xf2, 0x00, 0x06,  // id 242, offset 6 (48 bytes)
            0x40, 0x11, 0x3a, 0x8a,  // TTL 64, UDP, checksum
            0xa4, 0x01, 0x7b, 0xa3,  // source 164.1.123.163
            0xa4, 0x01, 0x7b, 0x3d,  // destination 164.1.123.61
            0x00, 0x7b, 0x00, 0x89, 0x00, 0x74, 0xbf, 0x1e,  // fragment data
        ] + [UInt8](repeating: 0, count: 108)

    /// `public/the-tcpdump-group_tcpdump/ipv4_invalid_total_length.pcap`, after Ethernet: a DNS
    /// query whose total length (85) is one byte more than was captured (84).
    static let oneByteShort: [UInt8] = [
        // IPv4
        0x45, 0x00, 0x00, 0x55,  // total length 85
        0xf1, 0xa6, 0x00, 0x00,  // id 61862
        0x40, 0x11, 0x45, 0x93,  // TTL 64, UDP
        0x8c, 0xd3, 0x09, 0xce,  // 140.211.9.206
        0x2d, 0x21, 0x7f, 0x9c,  // 45.33.127.156
        // UDP 39095 > 53, length 64
        0x98, 0xb7, 0x00, 0x35, 0x00, 0x40, 0x6e, 0xcb,
        // DNS (cut)
        0x92, 0xaa, 0x01, 0x20, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
        0x03, 0x77, 0x77, 0x77, 0x07, 0x74, 0x63, 0x70, 0x64, 0x75, 0x6d, 0x70,
        0x03, 0x6f, 0x72, 0x67, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x29,
        0x04, 0xd0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0c, 0x00, 0x0a, 0x00, 0x08,
        0x8b, 0xc0, 0xe5, 0xf5, 0x3e, 0x71, 0x3b, 0xbd,
    ]

    /// `public/the-tcpdump-group_tcpdump/bigtcp-ipv4-vxlan-ipv4.pcap`, first frame after
    /// Ethernet, cut after the VXLAN header: BIG TCP writes total length 0.
    static let bigTCP: [UInt8] = [
        // IPv4
        0x45, 0x00, 0x00, 0x00,  // total length 0
        0x6f, 0x29, 0x00, 0x00,  // id 0x6f29
        0x3d, 0x11, 0xf2, 0x79,  // TTL 61, UDP
        0x0a, 0x19, 0x84, 0x0b,  // 10.25.132.11
        0x0a, 0x19, 0x84, 0x0d,  // 10.25.132.13
        // UDP 47044 > 4789, length 0
        0xb7, 0xc4, 0x12, 0xb5, 0x00, 0x00, 0x55, 0x2f,
        // VXLAN, VNI 5001
        0x08, 0x00, 0x00, 0x00, 0x00, 0x13, 0x89, 0x00,
    ]

    /// Hand-built: IHL 6 with a 4-byte option (router alert, RFC 2113), total length 24.
    static let withOptions: [UInt8] = [
        0x46, 0xc0, 0x00, 0x18,  // IHL 6, DSCP CS6, total length 24
        0x00, 0x01, 0x00, 0x00,  // id 1
        0x01, 0x02, 0x00, 0x00,  // TTL 1, IGMP, checksum 0
        0x0a, 0x00, 0x00, 0x01,  // 10.0.0.1
        0xe0, 0x00, 0x00, 0x16,  // 224.0.0.22
        0x94, 0x04, 0x00, 0x00,  // router alert
    ]

    @Test func deconstructsEveryField() throws {
        let header = try IPv4Header(parsing: Self.ipInIP.span.bytes)
        #expect(header.headerLength == 20)
        #expect(header.differentiatedServices == 0)
        #expect(header.totalLength == 80)
        #expect(header.identification == 0x6c24)
        #expect(header.dontFragment)
        #expect(!header.moreFragments)
        #expect(!header.reservedFlag)
        #expect(header.fragmentOffset == 0)
        #expect(header.timeToLive == 63)
        #expect(header.protocolNumber == .ipv4)
        #expect(header.checksum == 0x396a)
        #expect(header.source == IPv4Address(192, 168, 10, 101))
        #expect(header.destination == IPv4Address(192, 168, 10, 102))
        #expect(!header.isFragment)
        #expect(!header.isFirstFragment)
        #expect(!header.isTruncated)
        #expect(!header.totalLengthIsZero)
        #expect(header.optionsLength == 0)
        #expect(header.ipLength == 80)
        #expect(header.payloadEnd == 80)
        #expect(header.payloadRange == 20..<80)
    }

    @Test func payloadIsTheInnerPacket() throws {
        let bytes = Self.ipInIP
        let outer = try IPv4Header(parsing: bytes.span.bytes)
        let inner = try IPv4Header(parsing: Array(bytes[outer.payloadRange]).span.bytes)
        #expect(inner.source == IPv4Address(172, 16, 158, 1))
        #expect(inner.destination == IPv4Address(172, 16, 184, 1))
        #expect(inner.protocolNumber == .tcp)
        #expect(inner.totalLength == 60)
        #expect(inner.payloadRange == 20..<60)
    }

    @Test(arguments: 0..<20) func rejectsEveryTruncatedPrefix(length: Int) {
        let bytes = Array(Self.ipInIP.prefix(length))
        #expect(throws: DecodeError.truncated(.ipv4, needed: 20, available: length)) {
            try IPv4Header(parsing: bytes.span.bytes)
        }
    }

    @Test(arguments: 20..<24) func rejectsOptionsCutShort(length: Int) {
        let bytes = Array(Self.withOptions.prefix(length))
        #expect(throws: DecodeError.truncated(.ipv4, needed: 24, available: length)) {
            try IPv4Header(parsing: bytes.span.bytes)
        }
    }

    @Test func decodesOptions() throws {
        let header = try IPv4Header(parsing: Self.withOptions.span.bytes)
        #expect(header.headerLength == 24)
        #expect(header.optionsLength == 4)
        #expect(header.differentiatedServices == 0xc0)
        #expect(header.protocolNumber == IPProtocol(rawValue: 2))
        #expect(header.payloadRange == 24..<24)
    }

    @Test(arguments: [UInt8(0), 6, 15]) func rejectsWrongVersion(version: UInt8) {
        var bytes = Self.ipInIP
        bytes[0] = version << 4 | 5
        #expect(throws: DecodeError.malformed(.ipv4, .badVersion(version))) {
            try IPv4Header(parsing: bytes.span.bytes)
        }
    }

    @Test(arguments: 0..<5) func rejectsHeaderLengthBelowFiveWords(ihl: Int) {
        var bytes = Self.ipInIP
        bytes[0] = 0x40 | UInt8(ihl)
        #expect(throws: DecodeError.malformed(.ipv4, .headerLength(ihl * 4))) {
            try IPv4Header(parsing: bytes.span.bytes)
        }
    }

    @Test(arguments: [1, 19]) func rejectsTotalLengthShorterThanHeader(total: Int) {
        var bytes = Self.ipInIP
        bytes[3] = UInt8(total)
        #expect(throws: DecodeError.malformed(.ipv4, .totalLength(total))) {
            try IPv4Header(parsing: bytes.span.bytes)
        }
    }

    @Test func rejectsTotalLengthShorterThanOptions() {
        var bytes = Self.withOptions
        bytes[3] = 20
        #expect(throws: DecodeError.malformed(.ipv4, .totalLength(20))) {
            try IPv4Header(parsing: bytes.span.bytes)
        }
    }

    @Test func trimsEthernetPadding() throws {
        let header = try IPv4Header(parsing: Self.firstFragmentPadded.span.bytes)
        #expect(Self.firstFragmentPadded.count == 46)
        #expect(header.totalLength == 38)
        #expect(!header.isTruncated)
        #expect(header.payloadEnd == 38)
        #expect(header.payloadRange == 20..<38)
        #expect(header.ipLength == 38)
    }

    @Test func firstFragmentCarriesTheUpperLayerHeader() throws {
        let header = try IPv4Header(parsing: Self.firstFragmentPadded.span.bytes)
        #expect(header.identification == 242)
        #expect(header.moreFragments)
        #expect(!header.dontFragment)
        #expect(header.fragmentOffset == 0)
        #expect(header.isFragment)
        #expect(header.isFirstFragment)
        #expect(header.protocolNumber == .udp)
    }

    @Test func laterFragmentIsNotTheFirst() throws {
        let header = try IPv4Header(parsing: Self.laterFragment.span.bytes)
        #expect(header.identification == 242)
        #expect(!header.moreFragments)
        #expect(header.fragmentOffset == 48)
        #expect(header.isFragment)
        #expect(!header.isFirstFragment)
        #expect(header.totalLength == 136)
        #expect(header.payloadRange == 20..<136)
    }

    @Test func snaplenCutIsNotAnError() throws {
        let header = try IPv4Header(parsing: Self.oneByteShort.span.bytes)
        #expect(header.totalLength == 85)
        #expect(header.isTruncated)
        #expect(header.payloadEnd == 84)
        #expect(header.payloadRange == 20..<84)
        #expect(header.ipLength == 85)
    }

    @Test(arguments: 20..<80) func everyCutOfTheFixtureIsClipped(length: Int) throws {
        let bytes = Array(Self.ipInIP.prefix(length))
        let header = try IPv4Header(parsing: bytes.span.bytes)
        #expect(header.isTruncated)
        #expect(header.payloadRange == 20..<length)
    }

    @Test func zeroTotalLengthMeansAsCaptured() throws {
        let header = try IPv4Header(parsing: Self.bigTCP.span.bytes)
        #expect(header.totalLength == 0)
        #expect(header.totalLengthIsZero)
        #expect(!header.isTruncated)
        #expect(header.payloadEnd == 36)
        #expect(header.payloadRange == 20..<36)
        #expect(header.ipLength == 36)
        #expect(header.protocolNumber == .udp)
    }

    @Test func describesItselfOnOneLine() throws {
        let header = try IPv4Header(parsing: Self.ipInIP.span.bytes)
        #expect(header.description == "IPv4 192.168.10.101 > 192.168.10.102 proto 4 len 80 ttl 63")
        let fragment = try IPv4Header(parsing: Self.firstFragmentPadded.span.bytes)
        #expect(fragment.description == "IPv4 164.1.123.163 > 164.1.123.61 proto 17 len 38 ttl 64 frag id 242 off 0+")
    }
}
