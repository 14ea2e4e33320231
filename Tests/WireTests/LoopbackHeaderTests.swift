import Testing
import Wire

@Suite struct LoopbackHeaderTests {
    /// `public/seladb_PcapPlusPlus/null_loopback.pcap`, first packet (macOS, little-endian
    /// writer), cut after the first two IPv6 bytes.
    static let darwinIPv6: [UInt8] = [
        0x1e, 0x00, 0x00, 0x00,  // family 30 (AF_INET6 on Darwin), little-endian
        0x60, 0x00,  // IPv6 (start)
    ]

    /// Hand-built: AF_INET written by a big-endian machine.
    static let bigEndianIPv4: [UInt8] = [0x00, 0x00, 0x00, 0x02]

    @Test func deconstructsLittleEndianFamily() throws {
        let header = try LoopbackHeader(parsing: Self.darwinIPv6.span.bytes, bigEndianOnly: false)
        #expect(header.family == 30)
        #expect(header.etherType == .ipv6)
        #expect(header.headerLength == 4)
        #expect(header.payloadEnd == 6)
        #expect(header.payloadRange == 4..<6)
    }

    @Test func readsBigEndianWriterInNullMode() throws {
        let header = try LoopbackHeader(parsing: Self.bigEndianIPv4.span.bytes, bigEndianOnly: false)
        #expect(header.family == 2)
        #expect(header.etherType == .ipv4)
        #expect(header.payloadRange == 4..<4)
    }

    @Test func loopModeIsAlwaysBigEndian() throws {
        let big = try LoopbackHeader(parsing: Self.bigEndianIPv4.span.bytes, bigEndianOnly: true)
        #expect(big.family == 2)
        #expect(big.etherType == .ipv4)
        let little = try LoopbackHeader(parsing: Self.darwinIPv6.span.bytes, bigEndianOnly: true)
        #expect(little.family == 0x1e00_0000)
        #expect(little.etherType == nil)
    }

    @Test(arguments: [(UInt32(10), true), (24, true), (28, true), (30, true), (2, false), (7, false)])
    func mapsEveryIPv6Family(family: UInt32, isIPv6: Bool) throws {
        let bytes: [UInt8] = [0, 0, 0, UInt8(family)]
        let header = try LoopbackHeader(parsing: bytes.span.bytes, bigEndianOnly: true)
        #expect(header.family == family)
        if isIPv6 {
            #expect(header.etherType == .ipv6)
        } else {
            #expect(header.etherType != .ipv6)
        }
    }

    @Test func unknownFamilyHasNoEtherType() throws {
        let bytes: [UInt8] = [0x07, 0x00, 0x00, 0x00]
        let header = try LoopbackHeader(parsing: bytes.span.bytes, bigEndianOnly: false)
        #expect(header.family == 7)
        #expect(header.etherType == nil)
    }

    @Test(arguments: 0..<4, [false, true]) func rejectsEveryTruncatedPrefix(length: Int, bigEndianOnly: Bool) {
        let bytes = Array(Self.darwinIPv6.prefix(length))
        #expect(throws: DecodeError.truncated(.loopback, needed: 4, available: length)) {
            try LoopbackHeader(parsing: bytes.span.bytes, bigEndianOnly: bigEndianOnly)
        }
    }

    @Test func describesItselfOnOneLine() throws {
        let header = try LoopbackHeader(parsing: Self.darwinIPv6.span.bytes, bigEndianOnly: false)
        #expect(header.description == "Loopback family 30 IPv6")
    }
}
