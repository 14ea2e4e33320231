import Testing
import Wire

@Suite struct ICMPv6HeaderTests {
    /// `public/zeek_zeek/linux_dlt_sll2.pcap`, third packet after SLL2 and IPv6: an echo
    /// request on `lo` (64 bytes: 8 header, 16 timestamp, then bytes 0x10…0x37).
    static let echoRequest: [UInt8] =
        [
            0x80, 0x00,  // type 128 (echo request), code 0
            0xa8, 0xd7,  // checksum
            0x00, 0x09,  // identifier 9
            0x00, 0x01,  // sequence 1
            0xf8, 0xbd, 0xf9, 0x62, 0x00, 0x00, 0x00, 0x00, 0xab, 0x59, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00,
        ] + Array(0x10...0x37)

    /// Hand-built (RFC 4861 §4.3): a neighbor solicitation for fd00::2.
    static let neighborSolicitation: [UInt8] = [
        0x87, 0x00,  // type 135, code 0
        0x00, 0x00,  // checksum (not computed)
        0x00, 0x00, 0x00, 0x00,  // reserved
        0xfd, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02,  // target
    ]

    @Test func deconstructsEveryField() throws {
        let header = try ICMPv6Header(parsing: Self.echoRequest.span.bytes)
        #expect(Self.echoRequest.count == 64)
        #expect(header.type == 128)
        #expect(header.code == 0)
        #expect(header.checksum == 0xa8d7)
        #expect(header.identifier == 9)
        #expect(header.sequenceNumber == 1)
        #expect(header.isEchoRequest)
        #expect(!header.isEchoReply)
        #expect(!header.isError)
        #expect(!header.isNeighborDiscovery)
        #expect(header.headerLength == 8)
        #expect(header.payloadRange == 8..<64)
    }

    @Test func echoReplyIsType129() throws {
        var bytes = Self.echoRequest
        bytes[0] = 129
        let header = try ICMPv6Header(parsing: bytes.span.bytes)
        #expect(header.isEchoReply)
        #expect(!header.isEchoRequest)
    }

    @Test func recognisesNeighborDiscovery() throws {
        let header = try ICMPv6Header(parsing: Self.neighborSolicitation.span.bytes)
        #expect(header.type == 135)
        #expect(header.isNeighborDiscovery)
        #expect(!header.isError)
        #expect(header.payloadRange == 8..<24)
    }

    @Test(arguments: UInt8(0)...UInt8(255)) func classifiesEveryType(type: UInt8) throws {
        var bytes = Self.neighborSolicitation
        bytes[0] = type
        let header = try ICMPv6Header(parsing: bytes.span.bytes)
        #expect(header.isError == (1...4).contains(type))
        #expect(header.isNeighborDiscovery == (133...137).contains(type))
    }

    @Test(arguments: 0..<8) func rejectsEveryTruncatedPrefix(length: Int) {
        let bytes = Array(Self.echoRequest.prefix(length))
        #expect(throws: DecodeError.truncated(.icmpv6, needed: 8, available: length)) {
            try ICMPv6Header(parsing: bytes.span.bytes)
        }
    }

    @Test func describesItselfOnOneLine() throws {
        let request = try ICMPv6Header(parsing: Self.echoRequest.span.bytes)
        #expect(request.description == "ICMPv6 echo request id 9 seq 1")
        let solicitation = try ICMPv6Header(parsing: Self.neighborSolicitation.span.bytes)
        #expect(solicitation.description == "ICMPv6 type 135 code 0")
    }
}
