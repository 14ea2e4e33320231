import Testing
import Wire

@Suite struct EthernetFrameTests {
    /// The first VXLAN packet of `lab/vxlan/w1-eth0.pcap` (`tcpdump -r … -xx 'udp port 4789' -c 1`),
    /// cut after the Ethernet header and the first two IPv4 bytes.
    static let untagged: [UInt8] = [
        // Ethernet II
        0x02, 0x00, 0xc0, 0xa8, 0x0a, 0x66,  // destination 02:00:c0:a8:0a:66
        0x02, 0x00, 0xc0, 0xa8, 0x0a, 0x65,  // source 02:00:c0:a8:0a:65
        0x08, 0x00,  // EtherType IPv4
        // IPv4 (start)
        0x45, 0x00,  // version 4, IHL 5, DSCP 0
    ]

    /// `public/zeek_zeek/q-in-q.pcap`, first frame, cut after the second IPv4 byte.
    static let qInQ: [UInt8] = [
        // Ethernet II
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff,  // destination broadcast
        0x00, 0xc0, 0xe4, 0x01, 0x2c, 0xed,  // source 00:c0:e4:01:2c:ed
        0x81, 0x00,  // TPID 802.1Q
        // outer tag
        0x00, 0x0d,  // PCP 0, DEI 0, VLAN 13
        0x81, 0x00,  // TPID 802.1Q
        // inner tag
        0x00, 0x0a,  // PCP 0, DEI 0, VLAN 10
        0x08, 0x00,  // EtherType IPv4
        // IPv4 (start)
        0x45, 0x00,
    ]

    /// Hand-built: an 802.1ad service tag (PCP 5, VLAN 100) over an 802.1Q tag (DEI set, VLAN 4095).
    static let serviceTagged: [UInt8] = [
        0x02, 0x00, 0x00, 0x00, 0x00, 0x02,  // destination
        0x02, 0x00, 0x00, 0x00, 0x00, 0x01,  // source
        0x88, 0xa8,  // TPID 802.1ad
        0xa0, 0x64,  // PCP 5, DEI 0, VLAN 100
        0x81, 0x00,  // TPID 802.1Q
        0x1f, 0xff,  // PCP 0, DEI 1, VLAN 4095
        0x86, 0xdd,  // EtherType IPv6
    ]

    /// `public/the-tcpdump-group_tcpdump/various_gre.pcap`, third frame: an 802.3 frame (STP over
    /// LLC) whose type field is a length; cut after the LLC header.
    static let ieee8023: [UInt8] = [
        0x01, 0x80, 0xc2, 0x00, 0x00, 0x00,  // destination (STP group address)
        0xaa, 0xbb, 0xcc, 0x00, 0x03, 0x10,  // source aa:bb:cc:00:03:10
        0x00, 0x26,  // length 38
        0x42, 0x42, 0x03,  // LLC DSAP, SSAP, control
    ]

    /// `n` 802.1Q tags (VLAN 1, 2, …) then EtherType IPv4.
    static func tagged(_ n: Int) -> [UInt8] {
        var bytes: [UInt8] = [0x02, 0, 0, 0, 0, 2, 0x02, 0, 0, 0, 0, 1]
        for index in 0..<n { bytes += [0x81, 0x00, 0x00, UInt8(index + 1)] }
        return bytes + [0x08, 0x00]
    }

    @Test func deconstructsUntaggedFrame() throws {
        let frame = try EthernetFrame(parsing: Self.untagged.span.bytes)
        #expect(frame.destination == MACAddress(rawValue: 0x0200_c0a8_0a66))
        #expect(frame.source == MACAddress(rawValue: 0x0200_c0a8_0a65))
        #expect(frame.vlanTagCount == 0)
        #expect(frame.outerVLAN == nil)
        #expect(frame.innerVLAN == nil)
        #expect(frame.etherType == .ipv4)
        #expect(!frame.isLengthField)
        #expect(frame.headerLength == 14)
        #expect(frame.payloadEnd == 16)
        #expect(frame.payloadRange == 14..<16)
    }

    @Test func deconstructsQinQTags() throws {
        let frame = try EthernetFrame(parsing: Self.qInQ.span.bytes)
        #expect(frame.destination == MACAddress(rawValue: 0xffff_ffff_ffff))
        #expect(frame.source == MACAddress(rawValue: 0x00c0_e401_2ced))
        #expect(frame.vlanTagCount == 2)
        #expect(frame.outerVLAN == 13)
        #expect(frame.innerVLAN == 10)
        #expect(frame.etherType == .ipv4)
        #expect(frame.headerLength == 22)
        #expect(frame.payloadRange == 22..<24)
    }

    @Test func masksPriorityAndDropEligibleBitsOutOfVLANIdentifiers() throws {
        let frame = try EthernetFrame(parsing: Self.serviceTagged.span.bytes)
        #expect(frame.vlanTagCount == 2)
        #expect(frame.outerVLAN == 100)
        #expect(frame.innerVLAN == 4095)
        #expect(frame.etherType == .ipv6)
        #expect(frame.payloadRange == 22..<22)
    }

    @Test func keeps8023LengthAsRawEtherType() throws {
        let frame = try EthernetFrame(parsing: Self.ieee8023.span.bytes)
        #expect(frame.etherType == EtherType(rawValue: 38))
        #expect(frame.isLengthField)
        #expect(frame.payloadRange == 14..<17)
    }

    @Test func acceptsEightTags() throws {
        let frame = try EthernetFrame(parsing: Self.tagged(8).span.bytes)
        #expect(frame.vlanTagCount == 8)
        #expect(frame.outerVLAN == 1)
        #expect(frame.innerVLAN == 2)
        #expect(frame.etherType == .ipv4)
        #expect(frame.headerLength == 14 + 32)
    }

    @Test func rejectsMoreThanEightTags() {
        let bytes = Self.tagged(9)
        #expect(throws: DecodeError.malformed(.vlan, .chainTooLong(9))) {
            try EthernetFrame(parsing: bytes.span.bytes)
        }
    }

    @Test(arguments: 0..<14) func rejectsEveryTruncatedPrefix(length: Int) {
        let bytes = Array(Self.qInQ.prefix(length))
        #expect(throws: DecodeError.truncated(.ethernet, needed: 14, available: length)) {
            try EthernetFrame(parsing: bytes.span.bytes)
        }
    }

    @Test(arguments: 14..<22) func rejectsATagCutShort(length: Int) {
        let bytes = Array(Self.qInQ.prefix(length))
        let needed = length < 18 ? 18 : 22
        #expect(throws: DecodeError.truncated(.vlan, needed: needed, available: length)) {
            try EthernetFrame(parsing: bytes.span.bytes)
        }
    }

    @Test func payloadRunsToTheEndOfTheCapture() throws {
        let padded = Self.untagged + [UInt8](repeating: 0, count: 30)
        let frame = try EthernetFrame(parsing: padded.span.bytes)
        #expect(frame.payloadRange == 14..<46)
    }

    @Test func describesItselfOnOneLine() throws {
        let frame = try EthernetFrame(parsing: Self.qInQ.span.bytes)
        #expect(frame.description == "Ethernet 00:c0:e4:01:2c:ed > ff:ff:ff:ff:ff:ff vlan 13.10 IPv4")
        let untagged = try EthernetFrame(parsing: Self.untagged.span.bytes)
        #expect(untagged.description == "Ethernet 02:00:c0:a8:0a:65 > 02:00:c0:a8:0a:66 IPv4")
    }
}
