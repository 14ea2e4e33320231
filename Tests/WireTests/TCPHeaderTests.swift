import Testing
import Wire

@Suite struct TCPHeaderTests {
    /// `lab/ipip/w1-eth0.pcap`, first IP-in-IP packet, the inner TCP SYN (40-byte header).
    static let syn: [UInt8] = [
        0x27, 0x12,  // source port 10002
        0x1f, 0x90,  // destination port 8080
        0x47, 0xfe, 0x2f, 0x38,  // sequence 1207840568
        0x00, 0x00, 0x00, 0x00,  // acknowledgment 0
        0xa0, 0x02,  // data offset 10 (40 bytes), flags SYN
        0xfd, 0x20,  // window 64800
        0xdd, 0xe3,  // checksum
        0x00, 0x00,  // urgent pointer
        // options
        0x02, 0x04, 0x05, 0xa0,  // MSS 1440
        0x04, 0x02,  // SACK permitted
        0x08, 0x0a, 0xdf, 0x15, 0x21, 0xfa, 0x00, 0x00, 0x00, 0x00,  // timestamps
        0x01,  // NOP
        0x03, 0x03, 0x0a,  // window scale 10
    ]

    /// `lab/direct/w1-eth0.pcap`, first segment with PSH (`tcpdump -r … 'tcp[tcpflags] &
    /// tcp-push != 0' -c 1`), after Ethernet and IPv4, cut 16 bytes into its 753-byte payload.
    static let push: [UInt8] = [
        0x27, 0x12, 0x1f, 0x90,  // 10002 > 8080
        0x58, 0x26, 0xbf, 0x7f,  // sequence 1478934399
        0x99, 0x91, 0x04, 0xc7,  // acknowledgment 2576417991
        0x80, 0x18,  // data offset 8 (32 bytes), flags PSH ACK
        0x00, 0x3f,  // window 63
        0x57, 0x1c,  // checksum
        0x00, 0x00,  // urgent pointer
        0x01, 0x01, 0x08, 0x0a, 0xdf, 0x15, 0x65, 0xc0, 0xaf, 0x7b, 0xb2, 0xeb,  // NOP NOP timestamps
        // payload "-clab-payload-cl"
        0x2d, 0x63, 0x6c, 0x61, 0x62, 0x2d, 0x70, 0x61, 0x79, 0x6c, 0x6f, 0x61, 0x64, 0x2d, 0x63, 0x6c,
    ]

    @Test func deconstructsEveryField() throws {
        let header = try TCPHeader(parsing: Self.syn.span.bytes)
        #expect(header.sourcePort == 10002)
        #expect(header.destinationPort == 8080)
        #expect(header.sequenceNumber == 1_207_840_568)
        #expect(header.acknowledgmentNumber == 0)
        #expect(header.headerLength == 40)
        #expect(header.optionsLength == 20)
        #expect(header.flags == .syn)
        #expect(header.window == 64800)
        #expect(header.checksum == 0xdde3)
        #expect(header.urgentPointer == 0)
        #expect(header.payloadEnd == 40)
        #expect(header.payloadRange == 40..<40)
    }

    @Test func payloadFollowsTheOptions() throws {
        let header = try TCPHeader(parsing: Self.push.span.bytes)
        #expect(header.sequenceNumber == 1_478_934_399)
        #expect(header.acknowledgmentNumber == 2_576_417_991)
        #expect(header.flags == [.push, .acknowledgment])
        #expect(header.window == 63)
        #expect(header.headerLength == 32)
        #expect(header.payloadRange == 32..<48)
    }

    @Test func readsEveryFlagBitIncludingAccurateECN() throws {
        var bytes = Self.syn
        bytes[12] = 0xa1  // data offset 10, reserved 0, AE
        bytes[13] = 0xff
        let header = try TCPHeader(parsing: bytes.span.bytes)
        #expect(header.flags == .all)
        #expect(header.headerLength == 40)
    }

    @Test func ignoresReservedBits() throws {
        var bytes = Self.syn
        bytes[12] = 0xae  // data offset 10, reserved bits 0b111
        let header = try TCPHeader(parsing: bytes.span.bytes)
        #expect(header.flags == .syn)
    }

    @Test(arguments: 0..<20) func rejectsEveryTruncatedPrefix(length: Int) {
        let bytes = Array(Self.syn.prefix(length))
        #expect(throws: DecodeError.truncated(.tcp, needed: 20, available: length)) {
            try TCPHeader(parsing: bytes.span.bytes)
        }
    }

    @Test(arguments: 20..<40) func rejectsOptionsCutShort(length: Int) {
        let bytes = Array(Self.syn.prefix(length))
        #expect(throws: DecodeError.truncated(.tcp, needed: 40, available: length)) {
            try TCPHeader(parsing: bytes.span.bytes)
        }
    }

    @Test(arguments: 0..<5) func rejectsDataOffsetBelowFiveWords(offset: Int) {
        var bytes = Self.syn
        bytes[12] = UInt8(offset << 4)
        #expect(throws: DecodeError.malformed(.tcp, .headerLength(offset * 4))) {
            try TCPHeader(parsing: bytes.span.bytes)
        }
    }

    @Test func describesItselfOnOneLine() throws {
        let header = try TCPHeader(parsing: Self.push.span.bytes)
        #expect(header.description == "TCP 10002 > 8080 [P.] seq 1478934399 ack 2576417991 win 63")
    }
}
