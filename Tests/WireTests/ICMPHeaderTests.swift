import Testing
import Wire

/// ICMP and ICMPv6 share one header core: every test runs on both versions where it applies.
@Suite struct ICMPHeaderTests {
    /// `lab/direct/w1-eth0.pcap`, first ICMP packet after Ethernet and IPv4: an echo request
    /// from pod 172.16.158.1 (64 bytes: 8 header, 8 timestamp, "clab flow 3 " and dots).
    static let echoRequestV4: [UInt8] =
        [
            0x08, 0x00,  // type 8 (echo request), code 0
            0xf5, 0xb9,  // checksum
            0x40, 0x03,  // identifier 16387
            0x00, 0x01,  // sequence 1
            0x41, 0xda, 0xc2, 0x08, 0x91, 0xbc, 0xf1, 0x7d,  // timestamp
        ] + Array("clab flow 3 ".utf8) + [UInt8](repeating: 0x2e, count: 36)

    /// `public/zeek_zeek/linux_dlt_sll2.pcap`, third packet after SLL2 and IPv6: an echo
    /// request on `lo` (64 bytes: 8 header, 16 timestamp, then bytes 0x10…0x37).
    static let echoRequestV6: [UInt8] =
        [
            0x80, 0x00,  // type 128 (echo request), code 0
            0xa8, 0xd7,  // checksum
            0x00, 0x09,  // identifier 9
            0x00, 0x01,  // sequence 1
            0xf8, 0xbd, 0xf9, 0x62, 0x00, 0x00, 0x00, 0x00, 0xab, 0x59, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00,
        ] + Array(0x10...0x37)

    /// One echo request per version, with what the header must read from it.
    struct Echo: Sendable, CustomStringConvertible {
        var version: ICMPVersion
        var bytes: [UInt8]
        var checksum: UInt16
        var identifier: UInt16
        var replyType: UInt8
        var description: String { "\(version)" }
    }

    static let echoes = [
        Echo(version: .v4, bytes: echoRequestV4, checksum: 0xf5b9, identifier: 16387, replyType: 0),
        Echo(version: .v6, bytes: echoRequestV6, checksum: 0xa8d7, identifier: 9, replyType: 129),
    ]

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

    /// Hand-built (RFC 4861 §4.3): a neighbor solicitation for fd00::2.
    static let neighborSolicitation: [UInt8] = [
        0x87, 0x00,  // type 135, code 0
        0x00, 0x00,  // checksum (not computed)
        0x00, 0x00, 0x00, 0x00,  // reserved
        0xfd, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02,  // target
    ]

    @Test(arguments: echoes) func deconstructsEveryField(echo: Echo) throws {
        let header = try ICMPHeader(parsing: echo.bytes.span.bytes, version: echo.version)
        #expect(echo.bytes.count == 64)
        #expect(header.version == echo.version)
        #expect(header.type == echo.version.echoRequestType)
        #expect(header.code == 0)
        #expect(header.checksum == echo.checksum)
        #expect(header.identifier == echo.identifier)
        #expect(header.sequenceNumber == 1)
        #expect(header.isEchoRequest)
        #expect(!header.isEchoReply)
        #expect(!header.isError)
        #expect(!header.isNeighborDiscovery)
        #expect(header.hasIdentifier)
        #expect(header.headerLength == 8)
        #expect(header.payloadEnd == 64)
        #expect(header.payloadRange == 8..<64)
    }

    @Test(arguments: echoes) func echoReplyHasItsOwnType(echo: Echo) throws {
        var bytes = echo.bytes
        bytes[0] = echo.replyType
        let header = try ICMPHeader(parsing: bytes.span.bytes, version: echo.version)
        #expect(header.isEchoReply)
        #expect(!header.isEchoRequest)
        #expect(header.identifier == echo.identifier)
    }

    @Test func errorQuotesThePacketAfterTheHeader() throws {
        let bytes = Self.portUnreachable
        let header = try ICMPHeader(parsing: bytes.span.bytes)
        #expect(header.version == .v4)
        #expect(header.type == 3)
        #expect(header.code == 3)
        #expect(header.isError)
        #expect(!header.hasIdentifier)
        #expect(header.payloadRange == 8..<36)
        let quoted = try IPv4Header(parsing: Array(bytes[header.payloadRange]).span.bytes)
        #expect(quoted.destination == IPv4Address(10, 0, 0, 2))
        #expect(quoted.protocolNumber == .udp)
    }

    @Test func recognisesNeighborDiscovery() throws {
        let header = try ICMPHeader(parsing: Self.neighborSolicitation.span.bytes, version: .v6)
        #expect(header.type == 135)
        #expect(header.isNeighborDiscovery)
        #expect(!header.isError)
        #expect(header.payloadRange == 8..<24)
    }

    /// Each version's error, query and neighbor-discovery types, over every type number.
    @Test(arguments: ICMPVersion.allCases) func classifiesEveryType(version: ICMPVersion) throws {
        for type in UInt8(0)...UInt8(255) {
            var bytes = Self.neighborSolicitation
            bytes[0] = type
            let header = try ICMPHeader(parsing: bytes.span.bytes, version: version)
            switch version {
            case .v4:
                #expect(header.isError == [3, 4, 5, 11, 12].contains(type), "type \(type)")
                #expect(header.hasIdentifier == ([0, 8] + Array(13...18)).contains(type), "type \(type)")
                #expect(!header.isNeighborDiscovery)
            case .v6:
                #expect(header.isError == (1...4).contains(type), "type \(type)")
                #expect(header.hasIdentifier == (128...129).contains(type), "type \(type)")
                #expect(header.isNeighborDiscovery == (133...137).contains(type), "type \(type)")
            }
        }
    }

    @Test(arguments: ICMPVersion.allCases, 0..<8)
    func rejectsEveryTruncatedPrefix(version: ICMPVersion, length: Int) {
        let bytes = Array(Self.echoRequestV4.prefix(length))
        #expect(throws: DecodeError.truncated(version == .v4 ? .icmp : .icmpv6, needed: 8, available: length)) {
            try ICMPHeader(parsing: bytes.span.bytes, version: version)
        }
    }

    @Test func describesItselfOnOneLine() throws {
        let request = try ICMPHeader(parsing: Self.echoRequestV4.span.bytes)
        #expect(request.description == "ICMP echo request id 16387 seq 1")
        let error = try ICMPHeader(parsing: Self.portUnreachable.span.bytes)
        #expect(error.description == "ICMP type 3 code 3")
        let requestV6 = try ICMPHeader(parsing: Self.echoRequestV6.span.bytes, version: .v6)
        #expect(requestV6.description == "ICMPv6 echo request id 9 seq 1")
        let solicitation = try ICMPHeader(parsing: Self.neighborSolicitation.span.bytes, version: .v6)
        #expect(solicitation.description == "ICMPv6 type 135 code 0")
    }
}
