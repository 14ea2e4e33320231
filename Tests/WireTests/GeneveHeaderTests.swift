import Testing
import Wire

@Suite struct GeneveHeaderTests {
    /// `public/the-tcpdump-group_tcpdump/geneve.pcap`, first packet, after the outer UDP header
    /// (port 6081), cut after the inner Ethernet header.
    static let critical: [UInt8] = [
        // Geneve
        0x02,  // version 0, option length 2 (8 bytes)
        0x40,  // O 0, C 1
        0x65, 0x58,  // protocol type: transparent Ethernet bridging
        0x00, 0x00, 0x0a,  // VNI 10
        0x00,  // reserved
        // option: class 0x0000, type 0x80 (critical), length 1 (4 bytes), data 0x0000000c
        0x00, 0x00, 0x80, 0x01, 0x00, 0x00, 0x00, 0x0c,
        // inner Ethernet
        0xfe, 0x71, 0xd8, 0x83, 0x72, 0x4f,  // destination
        0xb6, 0x9e, 0xd2, 0x49, 0x51, 0x48,  // source
        0x08, 0x00,  // IPv4
    ]

    /// `public/the-tcpdump-group_tcpdump/geneve-gcp.pcap`, first packet, after the outer UDP
    /// header, cut after the first two bytes of the inner IPv4 header.
    static let gcp: [UInt8] = [
        // Geneve
        0x0a,  // version 0, option length 10 (40 bytes)
        0x00,  // no flags
        0x08, 0x00,  // protocol type IPv4
        0x00, 0x00, 0x00,  // VNI 0
        0x00,  // reserved
        // options (class 0x0132, Google)
        0x01, 0x32, 0x01, 0x01, 0x80, 0x00, 0x00, 0xd1,
        0x01, 0x32, 0x02, 0x04, 0x08, 0x00, 0x00, 0x0d, 0xc0, 0xa8, 0x64, 0x02,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x01, 0x32, 0x03, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x12, 0x34,
        // inner IPv4 (start)
        0x45, 0x00,
    ]

    @Test func deconstructsEveryField() throws {
        let header = try GeneveHeader(parsing: Self.critical.span.bytes)
        #expect(header.version == 0)
        #expect(header.optionsLength == 8)
        #expect(!header.isOAM)
        #expect(header.isCritical)
        #expect(header.protocolType == .transparentEthernetBridging)
        #expect(header.vni == 10)
        #expect(header.headerLength == 16)
        #expect(header.payloadEnd == 30)
        #expect(header.payloadRange == 16..<30)
    }

    @Test func skipsLongOptions() throws {
        let header = try GeneveHeader(parsing: Self.gcp.span.bytes)
        #expect(header.optionsLength == 40)
        #expect(!header.isOAM)
        #expect(!header.isCritical)
        #expect(header.protocolType == .ipv4)
        #expect(header.vni == 0)
        #expect(header.headerLength == 48)
        #expect(header.payloadRange == 48..<50)
    }

    @Test func readsTheOAMFlag() throws {
        var bytes = Self.critical
        bytes[1] = 0x80
        let header = try GeneveHeader(parsing: bytes.span.bytes)
        #expect(header.isOAM)
        #expect(!header.isCritical)
    }

    @Test(arguments: 0..<8) func rejectsEveryTruncatedPrefix(length: Int) {
        let bytes = Array(Self.critical.prefix(length))
        #expect(throws: DecodeError.truncated(.geneve, needed: 8, available: length)) {
            try GeneveHeader(parsing: bytes.span.bytes)
        }
    }

    @Test(arguments: 8..<48) func rejectsOptionsCutShort(length: Int) {
        let bytes = Array(Self.gcp.prefix(length))
        #expect(throws: DecodeError.truncated(.geneve, needed: 48, available: length)) {
            try GeneveHeader(parsing: bytes.span.bytes)
        }
    }

    @Test(arguments: [UInt8(1), 2, 3]) func rejectsNonZeroVersion(version: UInt8) {
        var bytes = Self.critical
        bytes[0] = version << 6 | 0x02
        #expect(throws: DecodeError.malformed(.geneve, .badVersion(version))) {
            try GeneveHeader(parsing: bytes.span.bytes)
        }
    }

    @Test func describesItselfOnOneLine() throws {
        let header = try GeneveHeader(parsing: Self.critical.span.bytes)
        #expect(header.description == "Geneve vni 10 options 8 proto 0x6558 critical")
    }
}
