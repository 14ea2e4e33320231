import CalicapTestSupport
import CaptureFile
import Testing
import Wire

/// What the dissector reads for the diagnoses, packet by packet, on the diagnosis fixtures
/// (`Fixtures/diagnosis/make-fixtures.py`) and tcpdump's own GSO capture: the outer VXLAN
/// checksum's state, the tunnel packet an ICMP error quotes, TCP payload lengths.
@Suite struct DiagnosisDissectionTests {
    static func packets(_ path: String) throws -> [Dissection] {
        let reader = try CaptureFileReader(path: path)
        let dissector = Dissector()
        var packets: [Dissection] = []
        while let record = reader.next() {
            packets.append(dissector.dissect(record.bytes.bytes, linkType: reader.interfaces[record.interfaceIndex].linkType))
        }
        return packets
    }

    static func checksums(_ path: String) throws -> [OuterChecksum?] {
        try packets(path).map { $0.tunnels.last?.outerChecksum }
    }

    /// The receiver's capture: the handshake's checksums are right, the four data packets' wrong.
    @Test func wrongChecksumsAreWrong() throws {
        let states = try Self.checksums(Fixtures.path("diagnosis/bad-outer-checksum.pcap"))
        #expect(states == [.valid, .valid, .valid, .wrong, .wrong, .wrong, .wrong])
    }

    /// The sender's capture with partial offload: its own packets hold only the pseudo-header sum.
    @Test func partialOffloadIsUnfinished() throws {
        let states = try Self.checksums(Fixtures.path("diagnosis/partial-checksum-gso.pcap"))
        #expect(Set(states) == [.unfinished, .valid])
        #expect(states.first == .unfinished)
    }

    /// tcpdump's GSO capture (`bad udp cksum 0x37fc -> 0xcd08!` in tcpdump -vv): a 7092-byte
    /// super-frame whose checksum the NIC was to finish, never taken for a wrong one.
    @Test func tcpdumpsGSOCaptureIsUnfinished() throws {
        let packets = try Self.packets(Fixtures.path("public/the-tcpdump-group_tcpdump/gso-ipv4-vxlan-ipv4.pcap"))
        #expect(packets.first?.tunnels.last?.outerChecksum == .unfinished)
        #expect(packets.first?.outermostIPLength == 7092)
    }

    /// The lab's kernel VXLAN (checksum offload off) fills the outer checksum in software: every
    /// one, on every uplink of both VXLAN scenarios, checks out.
    @Test(arguments: ["vxlan", "vxlan-crosssubnet", "dualstack-vxlan-crosssubnet"])
    func labVXLANChecksumsAreValid(scenario: String) throws {
        for file in Fixtures.labCaptures(scenario) where file.hasSuffix("-eth0.pcap") {
            let states = try Self.checksums(Fixtures.lab(scenario, file)).compactMap { $0 }
            #expect(!states.isEmpty)
            #expect(Set(states) == [.valid], "\(scenario)/\(file)")
        }
    }

    /// The router's "fragmentation needed" quotes the node's IP-in-IP packet; the quote is read
    /// down to the pod flow inside, with the quoted (outer) length and the MTU in bytes 6-7.
    @Test func quotedTunnelPacketNamesThePodFlow() throws {
        let packets = try Self.packets(Fixtures.path("diagnosis/mtu-fragmentation-needed.pcap"))
        let error = try #require(packets.first { $0.transport?.icmp?.type == 3 })
        let icmp = try #require(error.transport?.icmp)
        #expect(icmp.code == 4)
        #expect(icmp.sequenceNumber == 1400)
        let quoted = try #require(icmp.quoted)
        #expect(quoted.tunnel == .ipInIP)
        #expect(quoted.length == 1500)
        #expect(quoted.source == .v4(IPv4Address(10, 66, 12, 65)))
        #expect(quoted.destination == .v4(IPv4Address(10, 66, 201, 193)))
        #expect(quoted.sourcePort == 40100)
        #expect(quoted.destinationPort == 8080)
        #expect(error.outermostIPLength == 576)
        // The 1500-byte tunnel packet it quotes: 1440 bytes of TCP payload inside.
        #expect(packets.contains { $0.transport?.tcp?.payloadLength == 1440 && $0.outermostIPLength == 1500 })
    }
}
