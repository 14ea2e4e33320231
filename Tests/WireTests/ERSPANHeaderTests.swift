import Testing
import Wire

@Suite struct ERSPANHeaderTests {
    /// `Fixtures/overlays/erspan.pcap`, an echo request's type II copy, after the GRE header
    /// (`10 00 88 be 00 00 00 03`: S, protocol 0x88be, sequence 3).
    static let typeII: [UInt8] = [
        0x10, 0x00,  // version 1, VLAN 0
        0x00, 0x07,  // COS 0, En 0, T 0, session 7
        0x00, 0x00, 0x00, 0x05,  // reserved, index 5
        0x02, 0x0a, 0x54, 0xfa,  // mirrored frame (start: destination MAC)
    ]

    /// The same packet's type III copy, after the GRE header (`10 00 22 eb 00 00 00 03`).
    static let typeIII: [UInt8] = [
        0x20, 0x00,  // version 2, VLAN 0
        0x00, 0x08,  // COS 0, BSO 0, T 0, session 8
        0x04, 0xd7, 0x31, 0xff,  // timestamp
        0x00, 0x00,  // security group tag 0
        0x00, 0x04,  // P 0, FT 0 (Ethernet), hardware id 1, D 0, Gra 0, O 0
        0x02, 0x0a, 0x54, 0xfa,  // mirrored frame (start)
    ]

    /// Hand-built: type III carrying an IP packet (FT 2), truncated (T), with the 8-byte
    /// platform-specific subheader (O).
    static let typeIIIWithSubheader: [UInt8] = [
        0x20, 0x0a,  // version 2, VLAN 10
        0x04, 0x3f,  // T, session 63
        0x00, 0x00, 0x00, 0x01,  // timestamp 1
        0x00, 0x2a,  // security group tag 42
        0x08, 0x01,  // FT 2 (IP), O
        0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // platform-specific subheader
        0x45, 0x00,  // IPv4 (start)
    ]

    @Test func deconstructsTypeII() throws {
        let header = try ERSPANHeader(parsing: Self.typeII.span.bytes, typeIII: false)
        #expect(header.version == 1)
        #expect(header.vlan == 0)
        #expect(header.sessionID == 7)
        #expect(header.index == 5)
        #expect(header.timestamp == nil)
        #expect(header.securityGroupTag == nil)
        #expect(header.frameType == .ethernet)
        #expect(header.headerLength == 8)
        #expect(header.payloadRange == 8..<12)
    }

    @Test func deconstructsTypeIII() throws {
        let header = try ERSPANHeader(parsing: Self.typeIII.span.bytes, typeIII: true)
        #expect(header.version == 2)
        #expect(header.sessionID == 8)
        #expect(header.index == nil)
        #expect(header.timestamp == 0x04d7_31ff)
        #expect(header.securityGroupTag == 0)
        #expect(header.frameType == .ethernet)
        #expect(header.headerLength == 12)
        #expect(header.payloadRange == 12..<16)
    }

    @Test func skipsThePlatformSubheader() throws {
        let header = try ERSPANHeader(parsing: Self.typeIIIWithSubheader.span.bytes, typeIII: true)
        #expect(header.vlan == 10)
        #expect(header.sessionID == 63)
        #expect(header.securityGroupTag == 42)
        #expect(header.frameType == .ip)
        #expect(header.headerLength == 20)
        #expect(header.payloadRange == 20..<22)
    }

    @Test(arguments: 0..<8) func rejectsEveryTruncatedTypeIIPrefix(length: Int) {
        let bytes = Array(Self.typeII.prefix(length))
        #expect(throws: DecodeError.truncated(.erspan, needed: 8, available: length)) {
            try ERSPANHeader(parsing: bytes.span.bytes, typeIII: false)
        }
    }

    @Test(arguments: 12..<20) func rejectsASubheaderCutShort(length: Int) {
        let bytes = Array(Self.typeIIIWithSubheader.prefix(length))
        #expect(throws: DecodeError.truncated(.erspan, needed: 20, available: length)) {
            try ERSPANHeader(parsing: bytes.span.bytes, typeIII: true)
        }
    }

    @Test func rejectsTheOtherTypesVersion() {
        let typeIIPadded = Self.typeII + [0, 0, 0, 0]
        #expect(throws: DecodeError.malformed(.erspan, .badVersion(1))) {
            try ERSPANHeader(parsing: typeIIPadded.span.bytes, typeIII: true)
        }
        #expect(throws: DecodeError.malformed(.erspan, .badVersion(2))) {
            try ERSPANHeader(parsing: Self.typeIII.span.bytes, typeIII: false)
        }
    }

    @Test func describesItselfOnOneLine() throws {
        let header = try ERSPANHeader(parsing: Self.typeIII.span.bytes, typeIII: true)
        #expect(header.description == "ERSPAN type III session 8 vlan 0")
    }
}
