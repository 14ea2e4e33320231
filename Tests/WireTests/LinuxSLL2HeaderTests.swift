import Testing
import Wire

@Suite struct LinuxSLL2HeaderTests {
    /// `lab/vxlan/w1-any.pcap`, the first TCP SYN (`tcpdump -r … -xx -c 1 tcp`), cut after the
    /// first two IPv4 bytes.
    static let podSYN: [UInt8] = [
        // Linux SLL2
        0x08, 0x00,  // protocol IPv4
        0x00, 0x00,  // reserved
        0x00, 0x00, 0x00, 0x03,  // interface index 3
        0x00, 0x01,  // ARPHRD_ETHER
        0x00,  // packet type 0 (host)
        0x06,  // address length 6
        0x0a, 0x58, 0xac, 0x10, 0x9e, 0x01, 0x00, 0x00,  // address 0a:58:ac:10:9e:01 + 2 unused
        // IPv4 (start)
        0x45, 0x00,
    ]

    /// The same file, first packet: an ARP broadcast on interface 2, cut after the SLL2 header.
    static let arpBroadcast: [UInt8] = [
        0x08, 0x06,  // protocol ARP
        0x00, 0x00,  // reserved
        0x00, 0x00, 0x00, 0x02,  // interface index 2
        0x00, 0x01,  // ARPHRD_ETHER
        0x01,  // packet type 1 (broadcast)
        0x06,  // address length 6
        0x02, 0x00, 0xc0, 0xa8, 0x0a, 0x66, 0x00, 0x00,  // address 02:00:c0:a8:0a:66
    ]

    /// Hand-built: a packet leaving `tunl0` (ARPHRD_TUNNEL 768, no link address).
    static let tunnelOutgoing: [UInt8] = [
        0x08, 0x00,  // protocol IPv4
        0x00, 0x00,  // reserved
        0x00, 0x00, 0x01, 0x00,  // interface index 256
        0x03, 0x00,  // ARPHRD_TUNNEL
        0x04,  // packet type 4 (outgoing)
        0x00,  // address length 0
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // unused address
    ]

    @Test func deconstructsPodPacket() throws {
        let header = try LinuxSLL2Header(parsing: Self.podSYN.span.bytes)
        #expect(header.protocolType == .ipv4)
        #expect(header.interfaceIndex == 3)
        #expect(header.addressType == 1)
        #expect(header.packetType == 0)
        #expect(header.addressLength == 6)
        #expect(header.linkAddress == 0x0a58_ac10_9e01)
        #expect(header.sourceMAC == MACAddress(rawValue: 0x0a58_ac10_9e01))
        #expect(!header.isOutgoing)
        #expect(header.headerLength == 20)
        #expect(header.payloadEnd == 22)
        #expect(header.payloadRange == 20..<22)
    }

    @Test func deconstructsBroadcastARP() throws {
        let header = try LinuxSLL2Header(parsing: Self.arpBroadcast.span.bytes)
        #expect(header.protocolType == .arp)
        #expect(header.interfaceIndex == 2)
        #expect(header.packetType == 1)
        #expect(header.sourceMAC == MACAddress(rawValue: 0x0200_c0a8_0a66))
        #expect(header.payloadRange == 20..<20)
    }

    @Test func tunnelDeviceHasNoMAC() throws {
        let header = try LinuxSLL2Header(parsing: Self.tunnelOutgoing.span.bytes)
        #expect(header.interfaceIndex == 256)
        #expect(header.addressType == 768)
        #expect(header.packetType == 4)
        #expect(header.isOutgoing)
        #expect(header.addressLength == 0)
        #expect(header.linkAddress == 0)
        #expect(header.sourceMAC == nil)
    }

    @Test(arguments: 0..<20) func rejectsEveryTruncatedPrefix(length: Int) {
        let bytes = Array(Self.podSYN.prefix(length))
        #expect(throws: DecodeError.truncated(.linuxSLL2, needed: 20, available: length)) {
            try LinuxSLL2Header(parsing: bytes.span.bytes)
        }
    }

    @Test(arguments: [9, 20, 255]) func rejectsAddressLengthBeyondEight(halen: Int) {
        var bytes = Self.podSYN
        bytes[11] = UInt8(halen)
        #expect(throws: DecodeError.malformed(.linuxSLL2, .addressLength(halen))) {
            try LinuxSLL2Header(parsing: bytes.span.bytes)
        }
    }

    @Test func describesItselfOnOneLine() throws {
        let header = try LinuxSLL2Header(parsing: Self.podSYN.span.bytes)
        #expect(header.description == "SLL2 ifindex 3 type 0 arphrd 1 0a:58:ac:10:9e:01 IPv4")
    }
}
