import Testing
import Wire

@Suite struct UDPHeaderTests {
    /// `lab/vxlan/w1-eth0.pcap`, first VXLAN packet (`tcpdump -r … -xx -c 1 'udp port 4789'`),
    /// after its Ethernet and IPv4 headers: the whole 90-byte outer UDP datagram.
    static let vxlanDatagram: [UInt8] = [
        // UDP
        0x9b, 0x4b,  // source port 39755 (Linux VXLAN flow-entropy port)
        0x12, 0xb5,  // destination port 4789
        0x00, 0x5a,  // length 90
        0xdf, 0x3c,  // checksum
        // VXLAN, I flag, VNI 4096
        0x08, 0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00,
        // inner Ethernet 66:00:ac:10:9e:00 > 66:00:ac:10:b8:00, IPv4
        0x66, 0x00, 0xac, 0x10, 0xb8, 0x00, 0x66, 0x00, 0xac, 0x10, 0x9e, 0x00, 0x08, 0x00,
        // inner IPv4 172.16.158.1 > 172.16.184.1, TCP
        0x45, 0x00, 0x00, 0x3c, 0x5a, 0xeb, 0x40, 0x00, 0x3f, 0x06, 0x32, 0xad,
        0xac, 0x10, 0x9e, 0x01, 0xac, 0x10, 0xb8, 0x01,
        // inner TCP 10002 > 8080 [S]
        0x27, 0x12, 0x1f, 0x90, 0x50, 0x26, 0x36, 0x53, 0x00, 0x00, 0x00, 0x00, 0xa0, 0x02,
        0xfd, 0x5c, 0xac, 0x4c, 0x00, 0x00, 0x02, 0x04, 0x05, 0x82, 0x04, 0x02, 0x08, 0x0a,
        0xdf, 0x15, 0x44, 0x30, 0x00, 0x00, 0x00, 0x00, 0x01, 0x03, 0x03, 0x0a,
    ]

    /// `public/the-tcpdump-group_tcpdump/bigtcp-ipv4-vxlan-ipv4.pcap`, first frame, the UDP
    /// header cut after the VXLAN header: BIG TCP writes length 0.
    static let bigTCP: [UInt8] = [
        0xb7, 0xc4, 0x12, 0xb5,  // 47044 > 4789
        0x00, 0x00, 0x55, 0x2f,  // length 0, checksum
        0x08, 0x00, 0x00, 0x00, 0x00, 0x13, 0x89, 0x00,  // VXLAN, VNI 5001
    ]

    @Test func deconstructsEveryField() throws {
        let header = try UDPHeader(parsing: Self.vxlanDatagram.span.bytes)
        #expect(header.sourcePort == 39755)
        #expect(header.destinationPort == 4789)
        #expect(header.length == 90)
        #expect(header.checksum == 0xdf3c)
        #expect(!header.isTruncated)
        #expect(header.headerLength == 8)
        #expect(header.payloadEnd == 90)
        #expect(header.payloadRange == 8..<90)
    }

    @Test(arguments: 0..<8) func rejectsEveryTruncatedPrefix(length: Int) {
        let bytes = Array(Self.vxlanDatagram.prefix(length))
        #expect(throws: DecodeError.truncated(.udp, needed: 8, available: length)) {
            try UDPHeader(parsing: bytes.span.bytes)
        }
    }

    @Test(arguments: 1..<8) func rejectsLengthBelowHeader(length: Int) {
        var bytes = Self.vxlanDatagram
        bytes[5] = UInt8(length)
        #expect(throws: DecodeError.malformed(.udp, .lengthField(length))) {
            try UDPHeader(parsing: bytes.span.bytes)
        }
    }

    @Test func trimsBytesBeyondTheLengthField() throws {
        let padded = Self.vxlanDatagram + [0, 0, 0, 0]
        let header = try UDPHeader(parsing: padded.span.bytes)
        #expect(!header.isTruncated)
        #expect(header.payloadRange == 8..<90)
    }

    @Test func emptyDatagramHasEmptyPayload() throws {
        var bytes = Array(Self.vxlanDatagram.prefix(8))
        bytes[5] = 8
        let header = try UDPHeader(parsing: bytes.span.bytes)
        #expect(header.length == 8)
        #expect(header.payloadRange == 8..<8)
    }

    @Test func snaplenCutIsNotAnError() throws {
        let bytes = Array(Self.vxlanDatagram.prefix(30))
        let header = try UDPHeader(parsing: bytes.span.bytes)
        #expect(header.length == 90)
        #expect(header.isTruncated)
        #expect(header.payloadEnd == 30)
        #expect(header.payloadRange == 8..<30)
    }

    @Test func zeroLengthMeansAsCaptured() throws {
        let header = try UDPHeader(parsing: Self.bigTCP.span.bytes)
        #expect(header.length == 0)
        #expect(!header.isTruncated)
        #expect(header.payloadRange == 8..<16)
    }

    @Test func describesItselfOnOneLine() throws {
        let header = try UDPHeader(parsing: Self.vxlanDatagram.span.bytes)
        #expect(header.description == "UDP 39755 > 4789 len 90")
    }
}
