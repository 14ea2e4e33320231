import Testing
import Wire

@Suite struct ARPPacketTests {
    /// `lab/vxlan/w1-eth0.pcap`, first packet: "who-has 192.168.10.1 tell 192.168.10.102",
    /// after its 14-byte Ethernet header.
    static let request: [UInt8] = [
        0x00, 0x01,  // hardware type 1 (Ethernet)
        0x08, 0x00,  // protocol type IPv4
        0x06,  // hardware length 6
        0x04,  // protocol length 4
        0x00, 0x01,  // operation 1 (request)
        0x02, 0x00, 0xc0, 0xa8, 0x0a, 0x66,  // sender MAC 02:00:c0:a8:0a:66
        0xc0, 0xa8, 0x0a, 0x66,  // sender 192.168.10.102
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // target MAC (unknown)
        0xc0, 0xa8, 0x0a, 0x01,  // target 192.168.10.1
    ]

    /// The same file, third packet: "192.168.10.102 is-at 02:00:c0:a8:0a:66".
    static let reply: [UInt8] = [
        0x00, 0x01, 0x08, 0x00, 0x06, 0x04,  // Ethernet/IPv4
        0x00, 0x02,  // operation 2 (reply)
        0x02, 0x00, 0xc0, 0xa8, 0x0a, 0x66,  // sender MAC
        0xc0, 0xa8, 0x0a, 0x66,  // sender 192.168.10.102
        0x02, 0x00, 0xc0, 0xa8, 0x0a, 0x65,  // target MAC 02:00:c0:a8:0a:65
        0xc0, 0xa8, 0x0a, 0x65,  // target 192.168.10.101
    ]

    /// Hand-built: a non-IPv4 ARP (protocol IPv6, 16-byte addresses) cut after the fixed part.
    static let otherProtocol: [UInt8] = [
        0x00, 0x01,  // Ethernet
        0x86, 0xdd,  // IPv6
        0x06, 0x10,  // hardware length 6, protocol length 16
        0x00, 0x01,  // request
    ]

    @Test func deconstructsRequest() throws {
        let packet = try ARPPacket(parsing: Self.request.span.bytes)
        #expect(packet.hardwareType == 1)
        #expect(packet.protocolType == .ipv4)
        #expect(packet.hardwareLength == 6)
        #expect(packet.protocolLength == 4)
        #expect(packet.operation == 1)
        #expect(packet.isRequest)
        #expect(packet.isEthernetIPv4)
        #expect(packet.senderMAC == MACAddress(rawValue: 0x0200_c0a8_0a66))
        #expect(packet.senderAddress == IPv4Address(192, 168, 10, 102))
        #expect(packet.targetMAC == .zero)
        #expect(packet.targetAddress == IPv4Address(192, 168, 10, 1))
        #expect(!packet.isTruncated)
        #expect(packet.headerLength == 28)
        #expect(packet.payloadRange == 28..<28)
    }

    @Test func deconstructsReply() throws {
        let packet = try ARPPacket(parsing: Self.reply.span.bytes)
        #expect(packet.isReply)
        #expect(packet.senderAddress == IPv4Address(192, 168, 10, 102))
        #expect(packet.targetMAC == MACAddress(rawValue: 0x0200_c0a8_0a65))
        #expect(packet.targetAddress == IPv4Address(192, 168, 10, 101))
    }

    @Test func ethernetPaddingFollowsTheAddresses() throws {
        let padded = Self.request + [UInt8](repeating: 0, count: 18)
        let packet = try ARPPacket(parsing: padded.span.bytes)
        #expect(packet.headerLength == 28)
        #expect(packet.payloadRange == 28..<46)
    }

    @Test(arguments: 0..<8) func rejectsEveryPrefixShorterThanTheFixedPart(length: Int) {
        let bytes = Array(Self.request.prefix(length))
        #expect(throws: DecodeError.truncated(.arp, needed: 8, available: length)) {
            try ARPPacket(parsing: bytes.span.bytes)
        }
    }

    @Test(arguments: 8..<28) func rejectsEveryShortEthernetIPv4Packet(length: Int) {
        let bytes = Array(Self.request.prefix(length))
        #expect(throws: DecodeError.truncated(.arp, needed: 28, available: length)) {
            try ARPPacket(parsing: bytes.span.bytes)
        }
    }

    @Test func otherKindsKeepOnlyTheFixedPart() throws {
        let packet = try ARPPacket(parsing: Self.otherProtocol.span.bytes)
        #expect(packet.protocolType == .ipv6)
        #expect(packet.hardwareLength == 6)
        #expect(packet.protocolLength == 16)
        #expect(!packet.isEthernetIPv4)
        #expect(packet.senderMAC == nil)
        #expect(packet.senderAddress == nil)
        #expect(packet.targetAddress == nil)
        #expect(packet.isTruncated)
        #expect(packet.headerLength == 8)
        #expect(packet.payloadRange == 8..<8)
    }

    @Test func describesItselfOnOneLine() throws {
        let request = try ARPPacket(parsing: Self.request.span.bytes)
        #expect(request.description == "ARP request who-has 192.168.10.1 tell 192.168.10.102")
        let reply = try ARPPacket(parsing: Self.reply.span.bytes)
        #expect(reply.description == "ARP reply 192.168.10.102 is-at 02:00:c0:a8:0a:66")
    }
}
