import Testing
import Wire

@Suite struct LinuxSLLHeaderTests {
    /// `public/seladb_PcapPlusPlus/sll.pcap`, first packet (a RIP broadcast), cut after the
    /// first two IPv4 bytes.
    static let broadcast: [UInt8] = [
        // Linux SLL
        0x00, 0x01,  // packet type 1 (broadcast)
        0x00, 0x01,  // ARPHRD_ETHER
        0x00, 0x06,  // address length 6
        0x30, 0x46, 0x9a, 0x23, 0xfb, 0xfa, 0x00, 0x00,  // address 30:46:9a:23:fb:fa + 2 unused
        0x08, 0x00,  // protocol IPv4
        // IPv4 (start)
        0x45, 0x00,
    ]

    /// The same file, second packet (DNS on `lo`), cut after the SLL header.
    static let loopback: [UInt8] = [
        0x00, 0x00,  // packet type 0 (host)
        0x03, 0x04,  // ARPHRD_LOOPBACK (772)
        0x00, 0x06,  // address length 6
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // all-zero MAC
        0x08, 0x00,  // protocol IPv4
    ]

    /// Hand-built: an IPIP tunnel device (ARPHRD_TUNNEL 768), 4-byte address, outgoing.
    static let tunnel: [UInt8] = [
        0x00, 0x04,  // packet type 4 (outgoing)
        0x03, 0x00,  // ARPHRD_TUNNEL
        0x00, 0x04,  // address length 4
        0xc0, 0xa8, 0x0a, 0x65, 0xee, 0xee, 0xee, 0xee,  // 192.168.10.101 + 4 ignored bytes
        0x08, 0x00,  // protocol IPv4
    ]

    @Test func deconstructsEthernetAddressedHeader() throws {
        let header = try LinuxSLLHeader(parsing: Self.broadcast.span.bytes)
        #expect(header.packetType == 1)
        #expect(header.addressType == 1)
        #expect(header.addressLength == 6)
        #expect(header.linkAddress == 0x3046_9a23_fbfa)
        #expect(header.sourceMAC == MACAddress(rawValue: 0x3046_9a23_fbfa))
        #expect(header.protocolType == .ipv4)
        #expect(header.headerLength == 16)
        #expect(header.payloadEnd == 18)
        #expect(header.payloadRange == 16..<18)
    }

    @Test func loopbackAddressesAreMACs() throws {
        let header = try LinuxSLLHeader(parsing: Self.loopback.span.bytes)
        #expect(header.addressType == 772)
        #expect(header.sourceMAC == .zero)
        #expect(header.payloadRange == 16..<16)
    }

    @Test func packsOnlyTheAnnouncedAddressBytes() throws {
        let header = try LinuxSLLHeader(parsing: Self.tunnel.span.bytes)
        #expect(header.packetType == 4)
        #expect(header.addressType == 768)
        #expect(header.addressLength == 4)
        #expect(header.linkAddress == 0xc0a8_0a65)
        #expect(header.sourceMAC == nil)
    }

    @Test func packsAllEightBytesAtMostLength() throws {
        var bytes = Self.tunnel
        bytes[5] = 8
        let header = try LinuxSLLHeader(parsing: bytes.span.bytes)
        #expect(header.linkAddress == 0xc0a8_0a65_eeee_eeee)
    }

    @Test(arguments: 0..<16) func rejectsEveryTruncatedPrefix(length: Int) {
        let bytes = Array(Self.broadcast.prefix(length))
        #expect(throws: DecodeError.truncated(.linuxSLL, needed: 16, available: length)) {
            try LinuxSLLHeader(parsing: bytes.span.bytes)
        }
    }

    @Test(arguments: [9, 16, 0xffff]) func rejectsAddressLengthBeyondEight(halen: Int) {
        var bytes = Self.broadcast
        bytes[4] = UInt8(halen >> 8)
        bytes[5] = UInt8(halen & 0xff)
        #expect(throws: DecodeError.malformed(.linuxSLL, .addressLength(halen))) {
            try LinuxSLLHeader(parsing: bytes.span.bytes)
        }
    }

    @Test func describesItselfOnOneLine() throws {
        let header = try LinuxSLLHeader(parsing: Self.broadcast.span.bytes)
        #expect(header.description == "SLL type 1 arphrd 1 30:46:9a:23:fb:fa IPv4")
    }
}
