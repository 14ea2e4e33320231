import Testing
import Wire

@Suite struct ICMPHeaderTests {
    /// `lab/direct/w1-eth0.pcap`, first ICMP packet after Ethernet and IPv4: an echo request
    /// from pod 172.16.158.1 (64 bytes: 8 header, 8 timestamp, "clab flow 3 " and dots).
    static let echoRequest: [UInt8] =
        [
            0x08, 0x00,  // type 8 (echo request), code 0
            0xf5, 0xb9,  // checksum
            0x40, 0x03,  // identifier 16387
            0x00, 0x01,  // sequence 1
            0x41, 0xda, 0xc2, 0x08, 0x91, 0xbc, 0xf1, 0x7d,  // timestamp
        ] + Array("clab flow 3 ".utf8) + [UInt8](repeating: 0x2e, count: 36)

    /// Hand-built (RFC 792): port unreachable quoting the IPv4 + UDP headers it answers.
    static let portUnreachable: [UInt8] = [
        0x03, 0x03,  // type 3 (destination unreachable), code 3 (port)
        0x00, 0x00,  // checksum (not computed)
        0x00, 0x00, 0x00, 0x00,  // unused
        // quoted IPv4 10.0.0.1 > 10.0.0.2 UDP
        0x45, 0x00, 0x00, 0x1c, 0x00, 0x01, 0x00, 0x00, 0x40, 0x11, 0x00, 0x00,
        0x0a, 0x00, 0x00, 0x01, 0x0a, 0x00, 0x00, 0x02,
        // quoted UDP 12345 > 53
        0x30, 0x39, 0x00, 0x35, 0x00, 0x08, 0x00, 0x00,
    ]

    @Test func deconstructsEveryField() throws {
        let header = try ICMPHeader(parsing: Self.echoRequest.span.bytes)
        #expect(Self.echoRequest.count == 64)
        #expect(header.type == 8)
        #expect(header.code == 0)
        #expect(header.checksum == 0xf5b9)
        #expect(header.identifier == 16387)
        #expect(header.sequenceNumber == 1)
        #expect(header.isEchoRequest)
        #expect(!header.isEchoReply)
        #expect(!header.isError)
        #expect(header.hasIdentifier)
        #expect(header.headerLength == 8)
        #expect(header.payloadEnd == 64)
        #expect(header.payloadRange == 8..<64)
    }

    @Test func echoReplyIsTypeZero() throws {
        var bytes = Self.echoRequest
        bytes[0] = 0
        let header = try ICMPHeader(parsing: bytes.span.bytes)
        #expect(header.isEchoReply)
        #expect(!header.isEchoRequest)
        #expect(header.identifier == 16387)
    }

    @Test func errorQuotesThePacketAfterTheHeader() throws {
        let bytes = Self.portUnreachable
        let header = try ICMPHeader(parsing: bytes.span.bytes)
        #expect(header.type == 3)
        #expect(header.code == 3)
        #expect(header.isError)
        #expect(!header.hasIdentifier)
        #expect(header.payloadRange == 8..<36)
        let quoted = try IPv4Header(parsing: Array(bytes[header.payloadRange]).span.bytes)
        #expect(quoted.destination == IPv4Address(10, 0, 0, 2))
        #expect(quoted.protocolNumber == .udp)
    }

    @Test(arguments: [UInt8(3), 4, 5, 11, 12]) func classifiesErrorTypes(type: UInt8) throws {
        var bytes = Self.portUnreachable
        bytes[0] = type
        let header = try ICMPHeader(parsing: bytes.span.bytes)
        #expect(header.isError)
    }

    @Test(arguments: [UInt8(0), 8, 9, 10, 13, 14, 17, 18]) func queryTypesAreNotErrors(type: UInt8) throws {
        var bytes = Self.echoRequest
        bytes[0] = type
        let header = try ICMPHeader(parsing: bytes.span.bytes)
        #expect(!header.isError)
    }

    @Test(arguments: 0..<8) func rejectsEveryTruncatedPrefix(length: Int) {
        let bytes = Array(Self.echoRequest.prefix(length))
        #expect(throws: DecodeError.truncated(.icmp, needed: 8, available: length)) {
            try ICMPHeader(parsing: bytes.span.bytes)
        }
    }

    @Test func describesItselfOnOneLine() throws {
        let request = try ICMPHeader(parsing: Self.echoRequest.span.bytes)
        #expect(request.description == "ICMP echo request id 16387 seq 1")
        let error = try ICMPHeader(parsing: Self.portUnreachable.span.bytes)
        #expect(error.description == "ICMP type 3 code 3")
    }
}
