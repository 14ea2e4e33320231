import CalicapTestSupport
import CaptureFile
import Foundation
import Report
import Testing
import Wire

/// Packets of the shipped lab captures, dissected as the live path dissects them.
enum FixturePackets {
    static var fixtures: URL { Fixtures.rootURL }

    /// The first packet of `file` (relative to Fixtures/) that `accept` takes, dissected.
    static func first(
        _ file: String, where accept: (Dissection) -> Bool
    ) throws -> (Dissection, Int64) {
        let reader = try CaptureFileReader(path: fixtures.appendingPathComponent(file).path)
        let dissector = Dissector()
        while let record = reader.next() {
            let linkType = reader.interfaces[record.interfaceIndex].linkType
            let packet = dissector.dissect(record.bytes.bytes, linkType: linkType)
            if accept(packet) {
                return (packet, record.timestamp.seconds * 1_000_000_000 + Int64(record.timestamp.nanoseconds))
            }
        }
        throw CaptureFileError.empty(path: file)
    }

    static func isSYN(_ packet: Dissection) -> Bool {
        packet.innermostDecoded && packet.transport?.tcp?.flags == [.syn]
    }
}

@Suite struct PacketLineTests {
    @Test func ipipOnTheUplinkShowsBothHeaderPairs() throws {
        let (packet, _) = try FixturePackets.first("lab/ipip/w1-eth0.pcap", where: FixturePackets.isSYN)
        let body = PacketLine.body(packet)
        let carrier = PacketLine.carrier(packet, interface: "eth0")
        #expect(carrier.hasPrefix("IPIP 192.168.10.101 > 192.168.10.10"))
        #expect(body.hasPrefix("172.16.158.1."))
        #expect(body.hasSuffix(" TCP [S], length 60"))
        var line = PacketLine(timestampStyle: .none)
        #expect(line.render(packet, time: 0, interface: "eth0") == carrier + " | " + body)
    }

    @Test func plainPacketsAreNamedAfterTheirDevice() throws {
        let (tunnel, _) = try FixturePackets.first("lab/ipip/w1-tunl0.pcap", where: FixturePackets.isSYN)
        #expect(PacketLine.carrier(tunnel, interface: "tunl0") == "IPIP (tunl0)")
        let (direct, _) = try FixturePackets.first("lab/direct/w1-eth0.pcap", where: FixturePackets.isSYN)
        #expect(PacketLine.carrier(direct, interface: "eth0") == "direct")
        #expect(PacketLine.carrier(direct, interface: "vxlan.calico") == "VXLAN (vxlan.calico)")
        #expect(PacketLine.carrier(direct, interface: "wireguard.cali") == "WireGuard (wireguard.cali)")
        #expect(PacketLine.carrier(direct, interface: "cali12345") == "veth (cali12345)")
        #expect(PacketLine.carrier(direct, interface: "lo") == "local (lo)")
        // Device names are printed safely.
        #expect(PacketLine.carrier(direct, interface: "tunl\u{1b}[2J") == "IPIP (tunl\\x1b[2J)")
    }

    @Test func vxlanShowsTheNetworkIdentifier() throws {
        let (packet, _) = try FixturePackets.first("lab/vxlan/w1-eth0.pcap", where: FixturePackets.isSYN)
        let carrier = PacketLine.carrier(packet, interface: "eth0")
        #expect(carrier.hasPrefix("VXLAN 4096 192.168."))
        #expect(PacketLine.body(packet).hasSuffix(" TCP [S], length 60"))
    }

    @Test func icmpEchoIsWordedLikeTcpdump() throws {
        let (packet, _) = try FixturePackets.first("lab/direct/w1-eth0.pcap") {
            $0.innermostDecoded && $0.transport?.icmp?.echo == .request
        }
        let body = PacketLine.body(packet)
        let echo = try #require(packet.transport?.icmp)
        #expect(body.contains(" ICMP echo request, id \(echo.identifier), seq \(echo.sequenceNumber), length "))
        // ICMP endpoints carry no port.
        let ip = try #require(packet.ip)
        #expect(body.hasPrefix("\(ip.source) > \(ip.destination) ICMP"))
    }

    @Test func interfacePrefixOnlyWhereTheCarrierDoesNotNameIt() throws {
        let (direct, time) = try FixturePackets.first("lab/direct/w1-eth0.pcap", where: FixturePackets.isSYN)
        var line = PacketLine(timestampStyle: .none, showsInterface: true)
        #expect(line.render(direct, time: time, interface: "eth0").hasPrefix("eth0 direct | "))
        #expect(line.render(direct, time: time, interface: "tunl0").hasPrefix("IPIP (tunl0) | "))
    }

    @Test func timestampStyles() {
        let time: Int64 = 1_795_700_000_123_456_789  // 2026-11-26 13:33:20.123456789 UTC
        let packet = Dissection()
        func stamp(_ style: PacketLine.TimestampStyle, offset: Int64 = 0, _ times: [Int64]) -> [String] {
            var line = PacketLine(timestampStyle: style, utcOffsetSeconds: offset)
            return times.map { String(line.render(packet, time: $0, interface: nil).split(separator: " ").first ?? "") }
        }
        #expect(stamp(.clock, [time]) == ["13:33:20.123456"])
        #expect(stamp(.clock, offset: -7200, [time]) == ["11:33:20.123456"])
        #expect(stamp(.epoch, [time]) == ["1795700000.123456"])
        var dated = PacketLine(timestampStyle: .dateAndClock)
        #expect(dated.render(packet, time: time, interface: nil).hasPrefix("2026-11-26 13:33:20.123456 "))
        #expect(stamp(.sincePrevious, [time, time + 1_500_000, time + 2_000_000]) == ["00:00:00.000000", "00:00:00.001500", "00:00:00.000500"])
        #expect(stamp(.sinceFirst, [time, time + 1_500_000, time + 61_000_000_000]) == ["00:00:00.000000", "00:00:00.001500", "00:01:01.000000"])
        var none = PacketLine(timestampStyle: .none)
        #expect(none.render(packet, time: time, interface: nil) == "non-IP")
        #expect(PacketLine.TimestampStyle(count: 0) == .clock)
        #expect(PacketLine.TimestampStyle(count: 1) == .none)
        #expect(PacketLine.TimestampStyle(count: 4) == .dateAndClock)
    }

    @Test func liveStatusFitsTheTerminal() {
        let status = LiveStatus(
            devices: ["eth0", "tunl0"], elapsedSeconds: 3723, packets: 1234, packetsPerSecond: 56.4, flows: 12, modes: nil)
        #expect(status.render(width: 200) == "eth0, tunl0 | 01:02:03 | 1234 packets, 56/s | 12 flows")
        #expect(status.render(width: 30).count == 29)
    }
}
