import Testing
import Wire

/// GRE variants, ERSPAN and Flannel's IP-in-UDP, on whole frames copied from real captures:
/// `Fixtures/overlays/*.pcap` (made by `Scripts/overlay-lab/make-overlay-fixtures.sh`) and
/// `Fixtures/public/the-tcpdump-group_tcpdump/various_gre.pcap`.
@Suite struct DissectorOverlayTunnelTests {
    static func join(_ parts: [UInt8]...) -> [UInt8] { parts.flatMap { $0 } }

    /// The 56-byte payload of Linux `ping`-style echo requests (0, 1, …, 55).
    static let echoPayload: [UInt8] = Array(0..<56)
    /// Node a (10.30.0.1) and node b (10.30.0.2) of the overlay lab, and their pods.
    static let nodeA = IPAddress.v4(IPv4Address(rawValue: 0x0a1e_0001))
    static let nodeB = IPAddress.v4(IPv4Address(rawValue: 0x0a1e_0002))
    static let podA = IPAddress.v4(IPv4Address(rawValue: 0x0af4_0102))
    static let podB = IPAddress.v4(IPv4Address(rawValue: 0x0af4_0202))

    /// Pod a's echo request (id 0x7100, seq 1) as it left its pod: IPv4 + ICMP + payload.
    static func echoRequest(identification: [UInt8], timeToLive: UInt8, checksum: [UInt8]) -> [UInt8] {
        join(
            [0x45, 0x00, 0x00, 0x54], identification, [0x40, 0x00, timeToLive, 0x01], checksum,
            [0x0a, 0xf4, 0x01, 0x02, 0x0a, 0xf4, 0x02, 0x02],  // 10.244.1.2 > 10.244.2.2
            [0x08, 0x00, 0x8f, 0xeb, 0x71, 0x00, 0x00, 0x01],  // echo request, id 0x7100, seq 1
            echoPayload)
    }

    /// `gre.pcap` frame 1: node a → node b, GRE with key 0x2a and sequence number 1.
    static let greKeySequence: [UInt8] = join(
        [0x02, 0x30, 0x00, 0x00, 0x00, 0x02, 0x02, 0x30, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00],  // Ethernet
        [0x45, 0x00, 0x00, 0x74, 0xc3, 0x54, 0x40, 0x00, 0x40, 0x2f, 0x62, 0xc8],  // IPv4, protocol 47
        [0x0a, 0x1e, 0x00, 0x01, 0x0a, 0x1e, 0x00, 0x02],  // 10.30.0.1 > 10.30.0.2
        [0x30, 0x00, 0x08, 0x00],  // GRE: K, S; protocol IPv4
        [0x00, 0x00, 0x00, 0x2a],  // key 42
        [0x00, 0x00, 0x00, 0x01],  // sequence 1
        echoRequest(identification: [0xef, 0x5b], timeToLive: 63, checksum: [0x33, 0x62]),
    )

    /// `gre.pcap` frame 2: node b → node a, GRE with checksum and key 0x2b, the echo reply.
    static let greChecksumKey: [UInt8] = join(
        [0x02, 0x30, 0x00, 0x00, 0x00, 0x01, 0x02, 0x30, 0x00, 0x00, 0x00, 0x02, 0x08, 0x00],  // Ethernet
        [0x45, 0x00, 0x00, 0x74, 0xc8, 0xa1, 0x40, 0x00, 0x40, 0x2f, 0x5d, 0x7b],  // IPv4, protocol 47
        [0x0a, 0x1e, 0x00, 0x02, 0x0a, 0x1e, 0x00, 0x01],  // 10.30.0.2 > 10.30.0.1
        [0xa0, 0x00, 0x08, 0x00],  // GRE: C, K; protocol IPv4
        [0x57, 0xd4, 0x00, 0x00],  // checksum 0x57d4, reserved
        [0x00, 0x00, 0x00, 0x2b],  // key 43
        [0x45, 0x00, 0x00, 0x54, 0x09, 0xfa, 0x00, 0x00, 0x3f, 0x01, 0x58, 0xc4],  // IPv4, ICMP
        [0x0a, 0xf4, 0x02, 0x02, 0x0a, 0xf4, 0x01, 0x02],  // 10.244.2.2 > 10.244.1.2
        [0x00, 0x00, 0x97, 0xeb, 0x71, 0x00, 0x00, 0x01],  // echo reply, id 0x7100, seq 1
        echoPayload,
    )

    /// The mirrored frame in `erspan.pcap`: pod a's veth → its node, the echo request.
    static let mirroredFrame: [UInt8] = join(
        [0x02, 0x0a, 0x54, 0xfa, 0xf4, 0xb3, 0x82, 0x0f, 0xf4, 0xcd, 0x6b, 0x8c, 0x08, 0x00],  // Ethernet
        echoRequest(identification: [0x06, 0x1c], timeToLive: 64, checksum: [0x1b, 0xa2]),
    )

    /// `erspan.pcap`: the ERSPAN type II copy (session 7) from node a to the collector, node b.
    static let erspanTypeII: [UInt8] = join(
        [0x02, 0x30, 0x00, 0x00, 0x00, 0x02, 0x02, 0x30, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00],  // Ethernet
        [0x45, 0x00, 0x00, 0x86, 0xfe, 0xfd, 0x40, 0x00, 0x40, 0x2f, 0x27, 0x0d],  // IPv4, protocol 47
        [0x0a, 0x1e, 0x00, 0x01, 0x0a, 0x1e, 0x00, 0x02],  // 10.30.0.1 > 10.30.0.2
        [0x10, 0x00, 0x88, 0xbe, 0x00, 0x00, 0x00, 0x03],  // GRE: S; ERSPAN II; sequence 3
        [0x10, 0x00, 0x00, 0x07, 0x00, 0x00, 0x00, 0x05],  // ERSPAN: version 1, session 7, index 5
        mirroredFrame,
    )

    /// `erspan.pcap`: the same frame's ERSPAN type III copy (session 8).
    static let erspanTypeIII: [UInt8] = join(
        [0x02, 0x30, 0x00, 0x00, 0x00, 0x02, 0x02, 0x30, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00],  // Ethernet
        [0x45, 0x00, 0x00, 0x8a, 0xfe, 0xfe, 0x40, 0x00, 0x40, 0x2f, 0x27, 0x08],  // IPv4, protocol 47
        [0x0a, 0x1e, 0x00, 0x01, 0x0a, 0x1e, 0x00, 0x02],  // 10.30.0.1 > 10.30.0.2
        [0x10, 0x00, 0x22, 0xeb, 0x00, 0x00, 0x00, 0x03],  // GRE: S; ERSPAN III; sequence 3
        [0x20, 0x00, 0x00, 0x08, 0x04, 0xd7, 0x31, 0xff, 0x00, 0x00, 0x00, 0x04],  // ERSPAN III, session 8, FT 0
        mirroredFrame,
    )

    /// Hand-built from `erspanTypeII`: type I, GRE without a sequence number, the frame at once.
    static let erspanTypeI: [UInt8] = join(
        [0x02, 0x30, 0x00, 0x00, 0x00, 0x02, 0x02, 0x30, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00],  // Ethernet
        [0x45, 0x00, 0x00, 0x7a, 0xfe, 0xfd, 0x40, 0x00, 0x40, 0x2f, 0x00, 0x00],  // IPv4, protocol 47
        [0x0a, 0x1e, 0x00, 0x01, 0x0a, 0x1e, 0x00, 0x02],  // 10.30.0.1 > 10.30.0.2
        [0x00, 0x00, 0x88, 0xbe],  // GRE: no flags; ERSPAN
        mirroredFrame,
    )

    /// `flannel-udp.pcap` frame 1: Flannel's `udp` backend, the echo request in UDP 8285 > 8285.
    static let flannelUDP: [UInt8] = join(
        [0x02, 0x30, 0x00, 0x00, 0x00, 0x02, 0x02, 0x30, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00],  // Ethernet
        [0x45, 0x00, 0x00, 0x70, 0x8d, 0xae, 0x40, 0x00, 0x40, 0x11, 0x98, 0x90],  // IPv4, UDP
        [0x0a, 0x1e, 0x00, 0x01, 0x0a, 0x1e, 0x00, 0x02],  // 10.30.0.1 > 10.30.0.2
        [0x20, 0x5d, 0x20, 0x5d, 0x00, 0x5c, 0x14, 0xac],  // UDP 8285 > 8285, length 92
        echoRequest(identification: [0x58, 0xfc], timeToLive: 63, checksum: [0xc9, 0xc1]),
    )

    /// `various_gre.pcap` packet 25: 802.1Q, GRE key 0x28 carrying Cisco MetaData, then IPv4 ICMP.
    static let ciscoMetadata: [UInt8] = join(
        [0xaa, 0xbb, 0xcc, 0x00, 0x02, 0x00, 0xaa, 0xbb, 0xcc, 0x00, 0x01, 0x00],  // Ethernet
        [0x81, 0x00, 0x04, 0xbd, 0x08, 0x00],  // 802.1Q VLAN 1213, IPv4
        [0x45, 0x00, 0x00, 0x88, 0x00, 0x91, 0x00, 0x00, 0xff, 0x2f, 0x25, 0x51],  // IPv4, protocol 47
        [0x0a, 0xac, 0x40, 0x06, 0x0a, 0xac, 0x40, 0x07],  // 10.172.64.6 > 10.172.64.7
        [0x20, 0x00, 0x89, 0x09, 0x00, 0x00, 0x00, 0x28],  // GRE: K; Cisco MetaData; key 40
        [0x08, 0x00, 0x01, 0x01, 0x00, 0x01, 0x00, 0x00],  // CMD: IPv4, version 1, length 1, options 1, SGT 0
        [0x45, 0x00, 0x00, 0x64, 0x00, 0x05, 0x00, 0x00, 0xff, 0x01, 0x61, 0x04],  // IPv4, ICMP
        [0xac, 0x11, 0x01, 0x36, 0xac, 0x11, 0x01, 0x37],  // 172.17.1.54 > 172.17.1.55
        [0x08, 0x00, 0x64, 0xfe, 0x00, 0x01, 0x00, 0x00],  // echo request, id 1, seq 0
        [0x00, 0x00, 0x00, 0x00, 0x00, 0x0c, 0x19, 0x3f],  // payload
        Array(repeating: [0xab, 0xcd] as [UInt8], count: 32).flatMap { $0 },
    )

    static func dissect(_ bytes: [UInt8]) -> Dissection {
        let dissector = Dissector()
        return bytes.withUnsafeBytes { dissector.dissect($0.bytes, linkType: .ethernet) }
    }

    @Test func greWithKeyAndSequenceReachesTheInnerPacket() {
        let d = Self.dissect(Self.greKeySequence)
        #expect(Array(d.tunnels) == [
            Encapsulation(kind: .gre, outerSource: Self.nodeA, outerDestination: Self.nodeB, networkIdentifier: 42)
        ])
        #expect(d.ip?.source == Self.podA)
        #expect(d.ip?.destination == Self.podB)
        #expect(d.transport?.icmp?.identifier == 0x7100)
        #expect(d.stopReason == nil)
        #expect(!d.isTruncated)
    }

    @Test func greWithChecksumAndKeyReachesTheInnerPacket() {
        let d = Self.dissect(Self.greChecksumKey)
        #expect(Array(d.tunnels) == [
            Encapsulation(kind: .gre, outerSource: Self.nodeB, outerDestination: Self.nodeA, networkIdentifier: 43)
        ])
        #expect(d.ip?.source == Self.podB)
        #expect(d.transport?.icmp?.type == 0)
        #expect(d.stopReason == nil)
    }

    @Test func ciscoMetadataIsSteppedOver() {
        let d = Self.dissect(Self.ciscoMetadata)
        let outer = IPAddress.v4(IPv4Address(rawValue: 0x0aac_4006))
        let peer = IPAddress.v4(IPv4Address(rawValue: 0x0aac_4007))
        #expect(Array(d.tunnels) == [
            Encapsulation(kind: .gre, outerSource: outer, outerDestination: peer, networkIdentifier: 0x28)
        ])
        #expect(d.ip?.source == .v4(IPv4Address(rawValue: 0xac11_0136)))
        #expect(d.ip?.destination == .v4(IPv4Address(rawValue: 0xac11_0137)))
        #expect(d.transport?.icmp?.identifier == 1)
        #expect(d.stopReason == nil)
    }

    @Test(arguments: [(erspanTypeII, UInt32?(7)), (erspanTypeIII, UInt32?(8)), (erspanTypeI, UInt32?.none)])
    func erspanReachesTheMirroredFrame(frame: [UInt8], session: UInt32?) {
        let d = Self.dissect(frame)
        var expected = Encapsulation(
            kind: .erspan, outerSource: Self.nodeA, outerDestination: Self.nodeB, networkIdentifier: session)
        expected.innerSourceMAC = MACAddress(rawValue: 0x820f_f4cd_6b8c)
        expected.innerDestinationMAC = MACAddress(rawValue: 0x020a_54fa_f4b3)
        #expect(Array(d.tunnels) == [expected])
        #expect(d.ip?.source == Self.podA)
        #expect(d.ip?.destination == Self.podB)
        #expect(d.ip?.timeToLive == 64)
        #expect(d.transport?.icmp?.identifier == 0x7100)
        #expect(d.stopReason == nil)
    }

    @Test func erspanCutInsideItsHeaderIsTruncated() {
        let d = Self.dissect(Array(Self.erspanTypeIII.prefix(14 + 20 + 8 + 10)))
        #expect(d.stopReason == .decode(.truncated(.erspan, needed: 12, available: 10)))
        #expect(d.isTruncated)
    }

    @Test func flannelUDPBackendIsATunnel() {
        let d = Self.dissect(Self.flannelUDP)
        #expect(Array(d.tunnels) == [
            Encapsulation(
                kind: .ipInUDP, outerSource: Self.nodeA, outerDestination: Self.nodeB, outerSourcePort: 8285,
                outerDestinationPort: 8285)
        ])
        #expect(d.ip?.source == Self.podA)
        #expect(d.transport?.icmp?.identifier == 0x7100)
        #expect(d.stopReason == nil)
    }

    @Test func port8285WithoutAnIPPacketStaysUDP() {
        var frame = Self.flannelUDP
        frame[14 + 20 + 8] = 0x17  // not an IP version nibble
        let d = Self.dissect(frame)
        #expect(d.tunnels.isEmpty)
        #expect(d.ports?.destination == 8285)
        #expect(d.ip?.source == Self.nodeA)
    }

    @Test func ipInUDPPortsAreAnOption() {
        let dissector = Dissector(options: DissectOptions(ipInUDPPorts: []))
        let d = Self.flannelUDP.withUnsafeBytes { dissector.dissect($0.bytes, linkType: .ethernet) }
        #expect(d.tunnels.isEmpty)
        #expect(d.ports?.destination == 8285)
    }
}
