import Testing
import Wire

@Suite struct GREHeaderTests {
    /// `public/zeek_zeek/gre-sample.pcap`, first packet, after the outer IPv4 header, cut after
    /// the first four bytes of the inner IPv4 header.
    static let plain: [UInt8] = [
        // GRE
        0x00, 0x00,  // no C/R/K/S, version 0
        0x08, 0x00,  // protocol type IPv4
        // inner IPv4 (start)
        0x45, 0x00, 0x00, 0x54,
    ]

    /// `public/the-tcpdump-group_tcpdump/various_gre.pcap`, the first "GREv0, key=0x28, length 8"
    /// packet, after its 802.1Q-tagged Ethernet and IPv4 headers: a key and nothing after it.
    static let keyed: [UInt8] = [
        0x20, 0x00,  // K, version 0
        0x00, 0x00,  // protocol type 0
        0x00, 0x00, 0x00, 0x28,  // key 0x28
    ]

    /// Hand-built (RFC 2784 + RFC 2890): checksum, key and sequence number, carrying Ethernet.
    static let allOptionalFields: [UInt8] = [
        0xb0, 0x00,  // C, K, S, version 0
        0x65, 0x58,  // protocol type: transparent Ethernet bridging
        0xbe, 0xef, 0x00, 0x00,  // checksum 0xbeef, reserved1
        0x00, 0x00, 0x10, 0x00,  // key 4096
        0x00, 0x00, 0x00, 0x07,  // sequence 7
        0xff, 0xff,  // payload (start)
    ]

    /// Hand-built (RFC 2637 §4.1): PPTP enhanced GRE with sequence and acknowledgment numbers.
    static let pptp: [UInt8] = [
        0x30, 0x81,  // K, S, A, version 1
        0x88, 0x0b,  // protocol type PPP
        0x00, 0x10, 0x00, 0x05,  // payload length 16, call id 5
        0x00, 0x00, 0x00, 0x2a,  // sequence 42
        0x00, 0x00, 0x00, 0x29,  // acknowledgment 41
    ]

    @Test func deconstructsPlainHeader() throws {
        let header = try GREHeader(parsing: Self.plain.span.bytes)
        #expect(!header.checksumPresent)
        #expect(!header.keyPresent)
        #expect(!header.sequencePresent)
        #expect(!header.acknowledgmentPresent)
        #expect(header.version == 0)
        #expect(header.protocolType == .ipv4)
        #expect(header.checksum == nil)
        #expect(header.key == nil)
        #expect(header.sequenceNumber == nil)
        #expect(header.acknowledgmentNumber == nil)
        #expect(header.headerLength == 4)
        #expect(header.payloadEnd == 8)
        #expect(header.payloadRange == 4..<8)
    }

    @Test func deconstructsKey() throws {
        let header = try GREHeader(parsing: Self.keyed.span.bytes)
        #expect(header.keyPresent)
        #expect(header.key == 0x28)
        #expect(header.protocolType == EtherType(rawValue: 0))
        #expect(header.headerLength == 8)
        #expect(header.payloadRange == 8..<8)
    }

    @Test func readsOptionalFieldsInOrder() throws {
        let header = try GREHeader(parsing: Self.allOptionalFields.span.bytes)
        #expect(header.checksumPresent)
        #expect(header.keyPresent)
        #expect(header.sequencePresent)
        #expect(header.checksum == 0xbeef)
        #expect(header.key == 4096)
        #expect(header.sequenceNumber == 7)
        #expect(header.protocolType == .transparentEthernetBridging)
        #expect(header.headerLength == 16)
        #expect(header.payloadRange == 16..<18)
    }

    @Test func deconstructsEnhancedGRE() throws {
        let header = try GREHeader(parsing: Self.pptp.span.bytes)
        #expect(header.version == 1)
        #expect(header.protocolType == EtherType(rawValue: 0x880b))
        #expect(header.key == 0x0010_0005)
        #expect(header.sequenceNumber == 42)
        #expect(header.acknowledgmentPresent)
        #expect(header.acknowledgmentNumber == 41)
        #expect(header.headerLength == 16)
    }

    @Test func acknowledgmentBitCountsOnlyInVersion1() throws {
        var bytes = Self.plain
        bytes[1] = 0x80  // the A bit position, reserved in version 0
        let header = try GREHeader(parsing: bytes.span.bytes)
        #expect(!header.acknowledgmentPresent)
        #expect(header.headerLength == 4)
    }

    @Test(arguments: 0..<4) func rejectsEveryTruncatedPrefix(length: Int) {
        let bytes = Array(Self.allOptionalFields.prefix(length))
        #expect(throws: DecodeError.truncated(.gre, needed: 4, available: length)) {
            try GREHeader(parsing: bytes.span.bytes)
        }
    }

    @Test(arguments: 4..<16) func rejectsOptionalFieldsCutShort(length: Int) {
        let bytes = Array(Self.allOptionalFields.prefix(length))
        #expect(throws: DecodeError.truncated(.gre, needed: 16, available: length)) {
            try GREHeader(parsing: bytes.span.bytes)
        }
    }

    @Test(arguments: 4..<16) func rejectsEnhancedFieldsCutShort(length: Int) {
        let bytes = Array(Self.pptp.prefix(length))
        #expect(throws: DecodeError.truncated(.gre, needed: 16, available: length)) {
            try GREHeader(parsing: bytes.span.bytes)
        }
    }

    @Test(arguments: [UInt8(2), 3, 7]) func rejectsUnknownVersion(version: UInt8) {
        var bytes = Self.plain
        bytes[1] = version
        #expect(throws: DecodeError.malformed(.gre, .badVersion(version))) {
            try GREHeader(parsing: bytes.span.bytes)
        }
    }

    @Test func rejectsRoutingBit() {
        var bytes = Self.plain
        bytes[0] = 0x40
        #expect(throws: DecodeError.malformed(.gre, .reservedBits)) {
            try GREHeader(parsing: bytes.span.bytes)
        }
    }

    @Test func describesItselfOnOneLine() throws {
        let keyed = try GREHeader(parsing: Self.keyed.span.bytes)
        #expect(keyed.description == "GREv0 key 0x28 proto 0x0")
        let plain = try GREHeader(parsing: Self.plain.span.bytes)
        #expect(plain.description == "GREv0 proto IPv4")
    }
}
