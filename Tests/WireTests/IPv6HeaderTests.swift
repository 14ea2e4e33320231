import Testing
import Wire

@Suite struct IPv6HeaderTests {
    static let client = IPv6Address(high: 0x2001_0470_1f11_081f, low: 0xd138_5f55_06d4_1fe2)
    static let server = IPv6Address(high: 0x2607_f740_000b_0000, low: 0x0000_0000_0000_0f93)

    /// `public/zeek_zeek/ipv6-fragmented-dns.pcap`, first packet after Ethernet: a DNS query
    /// with no extension headers.
    static let dnsQuery: [UInt8] = [
        // IPv6
        0x60, 0x00, 0x00, 0x00,  // version 6, traffic class 0, flow label 0
        0x00, 0x51, 0x11, 0x40,  // payload length 81, next header UDP, hop limit 64
        0x20, 0x01, 0x04, 0x70, 0x1f, 0x11, 0x08, 0x1f,  // source 2001:470:1f11:81f:
        0xd1, 0x38, 0x5f, 0x55, 0x06, 0xd4, 0x1f, 0xe2,  //   d138:5f55:6d4:1fe2
        0x26, 0x07, 0xf7, 0x40, 0x00, 0x0b, 0x00, 0x00,  // destination 2607:f740:b::
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0f, 0x93,  //   f93
        // UDP 51850 > 53, length 81
        0xca, 0x8a, 0x00, 0x35, 0x00, 0x51, 0xf9, 0x5a,
        // DNS TXT? txtpadding_323.n1.netalyzr.icsi.berkeley.edu.
        0x0f, 0x3f, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x0e, 0x74, 0x78, 0x74,
        0x70, 0x61, 0x64, 0x64, 0x69, 0x6e, 0x67, 0x5f, 0x33, 0x32, 0x33, 0x02, 0x6e, 0x31, 0x08, 0x6e,
        0x65, 0x74, 0x61, 0x6c, 0x79, 0x7a, 0x72, 0x04, 0x69, 0x63, 0x73, 0x69, 0x08, 0x62, 0x65, 0x72,
        0x6b, 0x65, 0x6c, 0x65, 0x79, 0x03, 0x65, 0x64, 0x75, 0x00, 0x00, 0x10, 0x00, 0x01, 0x00, 0x00,
        0x29, 0x10, 0x00, 0x00, 0x00, 0x80, 0x00, 0x00, 0x00,
    ]

    /// Hand-built (RFC 8200 §4.3, §4.5): hop-by-hop options, then the fragment header of a
    /// first fragment, then UDP.
    static let hopByHopFragment: [UInt8] = [
        // IPv6
        0x6b, 0x8f, 0xed, 0xcb,  // version 6, traffic class 0xb8, flow label 0xfedcb
        0x00, 0x20, 0x00, 0x40,  // payload length 32, next header 0 (hop-by-hop), hop limit 64
        0xfd, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,  // fd00::1
        0xfd, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02,  // fd00::2
        // Hop-by-hop options (8 bytes)
        0x2c, 0x00,  // next header 44 (fragment), length 0
        0x05, 0x02, 0x00, 0x00,  // router alert (MLD)
        0x01, 0x00,  // PadN, 0 bytes
        // Fragment header
        0x11, 0x00,  // next header UDP, reserved
        0x00, 0x01,  // offset 0, M set
        0x12, 0x34, 0x56, 0x78,  // identification
        // UDP 1234 > 5678, length 16
        0x04, 0xd2, 0x16, 0x2e, 0x00, 0x10, 0x00, 0x00,
        0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68,  // "abcdefgh"
    ]

    /// `public/zeek_zeek/ipv6-fragmented-dns.pcap`, the first fragment "(0|1432)" of a DNS
    /// answer, cut at 64 bytes (the rest of the 1480-byte packet was not kept).
    static let firstFragment: [UInt8] = [
        0x60, 0x00, 0x00, 0x00,  // version 6
        0x05, 0xa0, 0x2c, 0x35,  // payload length 1440, next header 44 (fragment), hop limit 53
        0x26, 0x07, 0xf7, 0x40, 0x00, 0x0b, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0f, 0x93,  // source
        0x20, 0x01, 0x04, 0x70, 0x1f, 0x11, 0x08, 0x1f, 0xd1, 0x38, 0x5f, 0x55, 0x06, 0xd4, 0x1f, 0xe2,  // destination
        // Fragment header
        0x11, 0x00,  // next header UDP
        0x00, 0x01,  // offset 0, M set
        0x00, 0x00, 0x00, 0x02,  // identification 2
        // UDP 53 > 51851, length 3238 (the reassembled datagram)
        0x00, 0x35, 0xca, 0x8b, 0x0c, 0xa6, 0x68, 0x8f,
        // DNS (start)
        0x9f, 0x91, 0x85, 0x00, 0x00, 0x01, 0x00, 0x01,
    ]

    /// The same file, the second fragment "(1432|1432)", cut at 56 bytes.
    static let laterFragment: [UInt8] = [
        0x60, 0x00, 0x00, 0x00,
        0x05, 0xa0, 0x2c, 0x35,  // payload length 1440, next header 44, hop limit 53
        0x26, 0x07, 0xf7, 0x40, 0x00, 0x0b, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0f, 0x93,
        0x20, 0x01, 0x04, 0x70, 0x1f, 0x11, 0x08, 0x1f, 0xd1, 0x38, 0x5f, 0x55, 0x06, 0xd4, 0x1f, 0xe2,
        // Fragment header
        0x11, 0x00,  // next header UDP
        0x05, 0x99,  // offset 179 (1432 bytes), M set
        0x00, 0x00, 0x00, 0x02,  // identification 2
        // fragment data (middle of the DNS answer)
        0x58, 0x58, 0x58, 0x58, 0x58, 0x58, 0x58, 0x58,
    ]

    /// Hand-built (RFC 4302): an authentication header, (4 + 2) × 4 = 24 bytes, then TCP.
    static let authenticated: [UInt8] =
        [
            0x60, 0x00, 0x00, 0x00,
            0x00, 0x2c, 0x33, 0x40,  // payload length 44, next header 51 (AH), hop limit 64
            0xfd, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
            0xfd, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02,
            // AH
            0x06, 0x04, 0x00, 0x00,  // next header TCP, payload length 4, reserved
            0x00, 0x00, 0x01, 0x00,  // SPI 256
            0x00, 0x00, 0x00, 0x01,  // sequence 1
            0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5,  // ICV (12 bytes)
        ] + [UInt8](repeating: 0, count: 20)  // TCP (zeros)

    /// IPv6 with `count` destination-options headers (8 bytes each), then no next header.
    static func destinationOptionsChain(_ count: Int) -> [UInt8] {
        var bytes: [UInt8] = [0x60, 0, 0, 0, 0, UInt8(8 * count), count == 0 ? 59 : 60, 64]
        bytes += [UInt8](repeating: 0, count: 32)
        for index in 0..<count {
            bytes += [index == count - 1 ? 59 : 60, 0, 0x01, 0x04, 0, 0, 0, 0]  // PadN 4
        }
        return bytes
    }

    @Test func deconstructsEveryField() throws {
        let header = try IPv6Header(parsing: Self.dnsQuery.span.bytes)
        #expect(header.trafficClass == 0)
        #expect(header.flowLabel == 0)
        #expect(header.payloadLength == 81)
        #expect(header.nextHeader == .udp)
        #expect(header.hopLimit == 64)
        #expect(header.source == Self.client)
        #expect(header.destination == Self.server)
        #expect(header.upperLayerProtocol == .udp)
        #expect(header.headerLength == 40)
        #expect(header.extensionHeaderCount == 0)
        #expect(!header.hasFragmentHeader)
        #expect(header.fragmentOffset == 0)
        #expect(!header.moreFragments)
        #expect(header.fragmentIdentification == 0)
        #expect(!header.isFragment)
        #expect(!header.isTruncated)
        #expect(!header.payloadLengthIsZero)
        #expect(header.ipLength == 121)
        #expect(header.payloadEnd == 121)
        #expect(header.payloadRange == 40..<121)
    }

    @Test func walksHopByHopAndFragmentHeaders() throws {
        let header = try IPv6Header(parsing: Self.hopByHopFragment.span.bytes)
        #expect(header.trafficClass == 0xb8)
        #expect(header.flowLabel == 0xfedcb)
        #expect(header.nextHeader == .hopByHop)
        #expect(header.upperLayerProtocol == .udp)
        #expect(header.extensionHeaderCount == 2)
        #expect(header.headerLength == 56)
        #expect(header.hasFragmentHeader)
        #expect(header.fragmentOffset == 0)
        #expect(header.moreFragments)
        #expect(header.fragmentIdentification == 0x1234_5678)
        #expect(header.isFragment)
        #expect(header.isFirstFragment)
        #expect(header.payloadRange == 56..<72)
    }

    @Test func firstFragmentReachesTheUpperLayerHeader() throws {
        let header = try IPv6Header(parsing: Self.firstFragment.span.bytes)
        #expect(header.source == Self.server)
        #expect(header.upperLayerProtocol == .udp)
        #expect(header.headerLength == 48)
        #expect(header.fragmentOffset == 0)
        #expect(header.moreFragments)
        #expect(header.fragmentIdentification == 2)
        #expect(header.isFragment)
        #expect(header.isFirstFragment)
        #expect(header.isTruncated)
        #expect(header.payloadRange == 48..<64)
    }

    @Test func laterFragmentStopsTheWalk() throws {
        let header = try IPv6Header(parsing: Self.laterFragment.span.bytes)
        #expect(header.upperLayerProtocol == .udp)
        #expect(header.headerLength == 48)
        #expect(header.extensionHeaderCount == 1)
        #expect(header.fragmentOffset == 1432)
        #expect(header.moreFragments)
        #expect(header.isFragment)
        #expect(!header.isFirstFragment)
        #expect(header.payloadRange == 48..<56)
    }

    @Test func laterFragmentHidesWhatFollowsItsHeader() throws {
        // A non-first fragment whose data starts like another extension header: not walked.
        var bytes = Self.laterFragment
        bytes[40] = 60  // fragment's next header: destination options
        let header = try IPv6Header(parsing: bytes.span.bytes)
        #expect(header.upperLayerProtocol == .destinationOptions)
        #expect(header.extensionHeaderCount == 1)
        #expect(header.headerLength == 48)
    }

    @Test func unfragmentedFragmentHeaderIsNotAFragment() throws {
        // RFC 8200 §4.5 "atomic fragment": offset 0 and M clear.
        var bytes = Self.hopByHopFragment
        bytes[51] = 0x00
        let header = try IPv6Header(parsing: bytes.span.bytes)
        #expect(header.hasFragmentHeader)
        #expect(!header.isFragment)
        #expect(header.upperLayerProtocol == .udp)
    }

    @Test func walksAuthenticationHeaderInFourByteUnits() throws {
        let header = try IPv6Header(parsing: Self.authenticated.span.bytes)
        #expect(header.upperLayerProtocol == .tcp)
        #expect(header.extensionHeaderCount == 1)
        #expect(header.headerLength == 64)
        #expect(header.payloadRange == 64..<84)
    }

    @Test func encryptedPayloadIsUpperLayer() throws {
        var bytes = Self.dnsQuery
        bytes[6] = 50  // ESP
        let header = try IPv6Header(parsing: bytes.span.bytes)
        #expect(header.upperLayerProtocol == .encapsulatingSecurityPayload)
        #expect(header.extensionHeaderCount == 0)
        #expect(header.headerLength == 40)
    }

    @Test func acceptsEightExtensionHeaders() throws {
        let header = try IPv6Header(parsing: Self.destinationOptionsChain(8).span.bytes)
        #expect(header.extensionHeaderCount == 8)
        #expect(header.upperLayerProtocol == .noNextHeader)
        #expect(header.headerLength == 104)
        #expect(header.payloadRange == 104..<104)
    }

    @Test func rejectsMoreThanEightExtensionHeaders() {
        let bytes = Self.destinationOptionsChain(9)
        #expect(throws: DecodeError.malformed(.ipv6Extension, .chainTooLong(9))) {
            try IPv6Header(parsing: bytes.span.bytes)
        }
    }

    @Test func rejectsExtensionHeaderBeyondPayloadLength() {
        var bytes = Self.destinationOptionsChain(1) + [UInt8](repeating: 0, count: 8)
        bytes[41] = 1  // 16 bytes, but the payload length says 8
        #expect(throws: DecodeError.malformed(.ipv6Extension, .optionLength(16))) {
            try IPv6Header(parsing: bytes.span.bytes)
        }
    }

    @Test func rejectsExtensionHeaderWherePayloadLengthLeavesNoRoom() {
        var bytes = Self.hopByHopFragment
        bytes[5] = 4  // payload length 4: not even one extension header fits
        #expect(throws: DecodeError.malformed(.ipv6Extension, .optionLength(8))) {
            try IPv6Header(parsing: bytes.span.bytes)
        }
    }

    @Test(arguments: 40..<56) func rejectsExtensionHeadersCutShort(length: Int) {
        let bytes = Array(Self.hopByHopFragment.prefix(length))
        let needed = length < 48 ? 48 : 56
        #expect(throws: DecodeError.truncated(.ipv6Extension, needed: needed, available: length)) {
            try IPv6Header(parsing: bytes.span.bytes)
        }
    }

    @Test func rejectsLongExtensionHeaderCutShort() {
        var bytes = Self.destinationOptionsChain(1) + [UInt8](repeating: 0, count: 8)
        bytes[5] = 16  // payload length 16
        bytes[41] = 1  // a 16-byte header
        let cut = Array(bytes.prefix(50))
        #expect(throws: DecodeError.truncated(.ipv6Extension, needed: 56, available: 50)) {
            try IPv6Header(parsing: cut.span.bytes)
        }
    }

    @Test(arguments: 0..<40) func rejectsEveryTruncatedPrefix(length: Int) {
        let bytes = Array(Self.dnsQuery.prefix(length))
        #expect(throws: DecodeError.truncated(.ipv6, needed: 40, available: length)) {
            try IPv6Header(parsing: bytes.span.bytes)
        }
    }

    @Test(arguments: [UInt8(4), 0, 15]) func rejectsWrongVersion(version: UInt8) {
        var bytes = Self.dnsQuery
        bytes[0] = version << 4
        #expect(throws: DecodeError.malformed(.ipv6, .badVersion(version))) {
            try IPv6Header(parsing: bytes.span.bytes)
        }
    }

    @Test func trimsEthernetPadding() throws {
        let padded = Self.hopByHopFragment + [UInt8](repeating: 0, count: 6)
        let header = try IPv6Header(parsing: padded.span.bytes)
        #expect(!header.isTruncated)
        #expect(header.payloadEnd == 72)
        #expect(header.payloadRange == 56..<72)
    }

    @Test func snaplenCutIsNotAnError() throws {
        let bytes = Array(Self.dnsQuery.prefix(60))
        let header = try IPv6Header(parsing: bytes.span.bytes)
        #expect(header.isTruncated)
        #expect(header.payloadEnd == 60)
        #expect(header.payloadRange == 40..<60)
        #expect(header.ipLength == 121)
    }

    @Test func zeroPayloadLengthMeansAsCaptured() throws {
        var bytes = Self.dnsQuery
        bytes[4] = 0
        bytes[5] = 0
        let header = try IPv6Header(parsing: bytes.span.bytes)
        #expect(header.payloadLengthIsZero)
        #expect(!header.isTruncated)
        #expect(header.payloadRange == 40..<121)
        #expect(header.ipLength == 121)
    }

    @Test func describesItselfOnOneLine() throws {
        let header = try IPv6Header(parsing: Self.hopByHopFragment.span.bytes)
        #expect(header.description == "IPv6 fd00::1 > fd00::2 next 17 len 32 hlim 64 frag id 305419896 off 0+")
        let plain = try IPv6Header(parsing: Self.dnsQuery.span.bytes)
        #expect(plain.description == "IPv6 2001:470:1f11:81f:d138:5f55:6d4:1fe2 > 2607:f740:b::f93 next 17 len 81 hlim 64")
    }
}
