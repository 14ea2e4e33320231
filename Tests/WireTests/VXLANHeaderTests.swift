import Testing
import Wire

@Suite struct VXLANHeaderTests {
    /// `lab/vxlan/w1-eth0.pcap`, first VXLAN packet (`tcpdump -r … -xx -c 1 'udp port 4789'`),
    /// after the outer UDP header, cut after the inner Ethernet header: Calico's VNI 4096.
    static let calico: [UInt8] = [
        // VXLAN
        0x08,  // flags: I
        0x00, 0x00, 0x00,  // reserved
        0x00, 0x10, 0x00,  // VNI 4096
        0x00,  // reserved
        // inner Ethernet
        0x66, 0x00, 0xac, 0x10, 0xb8, 0x00,  // destination VTEP MAC
        0x66, 0x00, 0xac, 0x10, 0x9e, 0x00,  // source VTEP MAC
        0x08, 0x00,  // IPv4
    ]

    /// `public/OISF_suricata-verify/vxlan-non-zero-reserved-fields__input.pcap`, first packet,
    /// after the outer UDP header, cut after the VXLAN header.
    static let reservedFieldsSet: [UInt8] = [
        0xff,  // every flag bit, including I (0x08) and G (0x80)
        0x01, 0xd1, 0xf2,  // reserved (a group policy id 0xd1f2 to GBP)
        0x00, 0x00, 0x0b,  // VNI 11
        0x00,  // reserved
    ]

    @Test func deconstructsEveryField() throws {
        let header = try VXLANHeader(parsing: Self.calico.span.bytes)
        #expect(header.flags == 0x08)
        #expect(header.hasVNI)
        #expect(header.vni == 4096)
        #expect(!header.reservedBitsSet)
        #expect(!header.isGroupPolicy)
        #expect(header.groupPolicyID == 0)
        #expect(header.headerLength == 8)
        #expect(header.payloadEnd == 22)
        #expect(header.payloadRange == 8..<22)
    }

    @Test func payloadIsTheInnerFrame() throws {
        let bytes = Self.calico
        let header = try VXLANHeader(parsing: bytes.span.bytes)
        let inner = try EthernetFrame(parsing: Array(bytes[header.payloadRange]).span.bytes)
        #expect(inner.source.firstByte == 0x66)
        #expect(inner.etherType == .ipv4)
    }

    @Test func reportsReservedFieldsWithoutThrowing() throws {
        let header = try VXLANHeader(parsing: Self.reservedFieldsSet.span.bytes)
        #expect(header.flags == 0xff)
        #expect(header.hasVNI)
        #expect(header.vni == 11)
        #expect(header.reservedBitsSet)
        #expect(header.isGroupPolicy)
        #expect(header.groupPolicyID == 0xd1f2)
        #expect(header.payloadRange == 8..<8)
    }

    @Test(arguments: [1, 2, 3, 7]) func anyReservedByteIsReported(index: Int) throws {
        var bytes = Self.calico
        bytes[index] = 0x01
        let header = try VXLANHeader(parsing: bytes.span.bytes)
        #expect(header.reservedBitsSet)
        #expect(header.hasVNI)
    }

    @Test(arguments: [UInt8(0x01), 0x02, 0x04, 0x10, 0x20, 0x40, 0x80]) func anyFlagButIIsReported(flag: UInt8) throws {
        var bytes = Self.calico
        bytes[0] = 0x08 | flag
        let header = try VXLANHeader(parsing: bytes.span.bytes)
        #expect(header.reservedBitsSet)
    }

    @Test func clearIFlagIsReportedNotThrown() throws {
        var bytes = Self.calico
        bytes[0] = 0x00
        let header = try VXLANHeader(parsing: bytes.span.bytes)
        #expect(!header.hasVNI)
        #expect(!header.reservedBitsSet)
        #expect(header.vni == 4096)
    }

    @Test(arguments: 0..<8) func rejectsEveryTruncatedPrefix(length: Int) {
        let bytes = Array(Self.calico.prefix(length))
        #expect(throws: DecodeError.truncated(.vxlan, needed: 8, available: length)) {
            try VXLANHeader(parsing: bytes.span.bytes)
        }
    }

    @Test func describesItselfOnOneLine() throws {
        let header = try VXLANHeader(parsing: Self.calico.span.bytes)
        #expect(header.description == "VXLAN flags 0x08 vni 4096")
    }
}
