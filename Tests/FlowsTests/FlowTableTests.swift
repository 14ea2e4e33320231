import Flows
import PacketTestSupport
import Testing
import Wire

extension FlowTable {
    /// `update` with the arguments these tests vary.
    @discardableResult
    mutating func add(_ packet: Dissection, at capturePoint: Int, _ time: Int64, duplicate: Bool = false) -> FlowUpdate {
        update(with: packet, capturePoint: capturePoint, time: time, isDuplicate: duplicate)
    }
}

@Suite struct FlowTableTests {
    // Pod A (172.16.158.1) lives on node 1 (192.168.10.101), pod B (172.16.184.1) on node 2
    // (192.168.10.102). A sorts before B, so `.forward` is A → B.
    static let podA = "172.16.158.1"
    static let podB = "172.16.184.1"
    static let node1 = "192.168.10.101"
    static let node2 = "192.168.10.102"

    static func endpoint(_ address: String, _ port: UInt16) -> Endpoint {
        Endpoint(address: Packets.address(address), port: port)
    }

    static func onlyRecord(_ table: FlowTable) -> FlowRecord? {
        table.records.count == 1 ? table.records[0] : nil
    }

    // MARK: Client selection

    @Test func synSenderIsTheClient() throws {
        var table = FlowTable()
        // B (the upper endpoint) opens the connection.
        #expect(table.add(Packets.tcp(Self.podB, 10002, Self.podA, 8080, flags: .syn), at: 0, 1) == .recorded(firstSighting: true))
        table.add(Packets.tcp(Self.podA, 8080, Self.podB, 10002, flags: [.syn, .acknowledgment]), at: 0, 2)
        let record = try #require(Self.onlyRecord(table))
        #expect(!record.clientIsLower)
        #expect(record.client == Self.endpoint(Self.podB, 10002))
        #expect(record.server == Self.endpoint(Self.podA, 8080))
        #expect(record.key.lower == Self.endpoint(Self.podA, 8080))
    }

    @Test func synAckFirstMakesItsReceiverTheClient() throws {
        var table = FlowTable()
        table.add(Packets.tcp(Self.podA, 8080, Self.podB, 10002, flags: [.syn, .acknowledgment]), at: 0, 1)
        table.add(Packets.tcp(Self.podB, 10002, Self.podA, 8080, flags: .acknowledgment), at: 0, 2)
        let record = try #require(Self.onlyRecord(table))
        #expect(record.client == Self.endpoint(Self.podB, 10002))
        #expect(record.server == Self.endpoint(Self.podA, 8080))
        #expect(record.packetsToServer == 1)
        #expect(record.packetsToClient == 1)
        #expect(record.tcpFlagsFromServer == [.syn, .acknowledgment])
    }

    @Test func echoReplyFirstMakesItsReceiverTheClient() throws {
        var table = FlowTable()
        table.add(Packets.echo(Self.podB, Self.podA, identifier: 7, request: false), at: 0, 1)
        let record = try #require(Self.onlyRecord(table))
        #expect(record.client == Self.endpoint(Self.podA, 7))
        #expect(record.server == Self.endpoint(Self.podB, 7))
        #expect(record.key.protocolNumber == .icmp)
        #expect(record.packetsToClient == 1)
        #expect(record.packetsToServer == 0)
        #expect(record.answered)  // the server's reply is the only packet seen
    }

    @Test func echoRequestSenderIsTheClient() throws {
        var table = FlowTable()
        table.add(Packets.echo(Self.podB, Self.podA, identifier: 7, request: true), at: 0, 1)
        table.add(Packets.echo(Self.podA, Self.podB, identifier: 7, request: false), at: 0, 2)
        let record = try #require(Self.onlyRecord(table))
        #expect(record.client == Self.endpoint(Self.podB, 7))
        #expect(record.answered)
    }

    @Test(arguments: [true, false])
    func udpFirstSenderIsTheClient(lowerSendsFirst: Bool) throws {
        var table = FlowTable()
        let query = lowerSendsFirst
            ? Packets.udp(Self.podA, 40000, Self.podB, 53) : Packets.udp(Self.podB, 40000, Self.podA, 53)
        table.add(query, at: 0, 1)
        let record = try #require(Self.onlyRecord(table))
        #expect(record.clientIsLower == lowerSendsFirst)
        #expect(record.client.port == 40000)
        #expect(record.server.port == 53)
    }

    @Test func midStreamTCPFirstSenderIsTheClient() throws {
        var table = FlowTable()
        table.add(Packets.tcp(Self.podA, 8080, Self.podB, 10002, flags: .acknowledgment), at: 0, 1)
        let record = try #require(Self.onlyRecord(table))
        #expect(record.client == Self.endpoint(Self.podA, 8080))
    }

    // MARK: Counters

    @Test func countsPacketsAndIPBytesPerDirection() throws {
        var table = FlowTable()
        let client = (Self.podB, UInt16(10002))
        let server = (Self.podA, UInt16(8080))
        table.add(Packets.tcp(client.0, client.1, server.0, server.1, flags: .syn, length: 60), at: 0, 100)
        table.add(Packets.tcp(server.0, server.1, client.0, client.1, flags: [.syn, .acknowledgment], length: 60), at: 0, 200)
        table.add(Packets.tcp(client.0, client.1, server.0, server.1, flags: .acknowledgment, length: 52), at: 0, 300)
        table.add(Packets.tcp(client.0, client.1, server.0, server.1, flags: [.push, .acknowledgment], length: 1500), at: 0, 50)
        table.add(Packets.tcp(server.0, server.1, client.0, client.1, flags: .acknowledgment, length: 52), at: 0, 400)
        let record = try #require(Self.onlyRecord(table))
        #expect(record.packetsToServer == 3)
        #expect(record.packetsToClient == 2)
        #expect(record.bytesToServer == 60 + 52 + 1500)
        #expect(record.bytesToClient == 60 + 52)
        // The client is the upper endpoint, so "to server" is the reverse direction.
        #expect(record.packetsReverse == 3)
        #expect(record.bytesForward == 112)
        #expect(record.tcpFlagsFromClient == [.syn, .acknowledgment, .push])
        #expect(record.tcpFlagsFromServer == [.syn, .acknowledgment])
        #expect(record.firstSeen == 50)
        #expect(record.lastSeen == 400)
        #expect(record.duplicatePackets == 0)
        #expect(record.answered)
    }

    @Test func duplicatesAddObservationsButNoPackets() throws {
        var table = FlowTable()
        let syn = Packets.tcp(Self.podB, 10002, Self.podA, 8080, flags: .syn, length: 60)
        table.add(Packets.ipip(syn, Self.node2, Self.node1), at: 0, 10)
        #expect(table.add(syn, at: 1, 11, duplicate: true) == .recorded(firstSighting: true))
        #expect(table.add(syn, at: 2, 12, duplicate: true) == .recorded(firstSighting: true))
        let record = try #require(Self.onlyRecord(table))
        #expect(record.packetsToServer == 1)
        #expect(record.bytesToServer == 60)
        #expect(record.duplicatePackets == 2)
        #expect(record.lastSeen == 12)
        #expect(record.observations.map(\.capturePoint) == [0, 1, 2])
        #expect(record.observations.map(\.carrier) == [.ipInIP, .plain, .plain])
        #expect(record.observations.map(\.packets) == [1, 1, 1])
        #expect(record.observations[1].packetsReverse == 1)
        #expect(record.observations[1].firstSeen == 11)
    }

    // MARK: Observations

    @Test func mergesObservationsPerCapturePointAndOrientsTheTunnel() throws {
        var table = FlowTable()
        // B → A travels node2 → node1 (reverse: B is upper); A → B travels node1 → node2 (forward).
        let syn = Packets.tcp(Self.podB, 10002, Self.podA, 8080, flags: .syn)
        let synAck = Packets.tcp(Self.podA, 8080, Self.podB, 10002, flags: [.syn, .acknowledgment])
        let ack = Packets.tcp(Self.podB, 10002, Self.podA, 8080, flags: .acknowledgment)
        table.add(Packets.ipip(syn, Self.node2, Self.node1), at: 0, 100)
        table.add(syn, at: 1, 101, duplicate: true)
        table.add(Packets.ipip(synAck, Self.node1, Self.node2), at: 0, 200)
        table.add(Packets.ipip(ack, Self.node2, Self.node1), at: 0, 300)
        let record = try #require(Self.onlyRecord(table))
        #expect(record.observations.count == 2)
        let tunnel = record.observations[0]
        #expect(tunnel.capturePoint == 0)
        #expect(tunnel.carrier == .ipInIP)
        #expect(tunnel.outerLower == Packets.address(Self.node1))
        #expect(tunnel.outerUpper == Packets.address(Self.node2))
        // Learned from the first (reverse) packet: forward packets leave from node 1.
        #expect(tunnel.forwardOuterSource == Packets.address(Self.node1))
        #expect(tunnel.packetsForward == 1)
        #expect(tunnel.packetsReverse == 2)
        #expect(tunnel.tunnelDepth == 1)
        #expect(tunnel.tunnelPort == 0)
        #expect(tunnel.networkIdentifier == nil)
        #expect(tunnel.firstSeen == 100)
        #expect(tunnel.lastSeen == 300)
        let plain = record.observations[1]
        #expect(plain.capturePoint == 1)
        #expect(plain.carrier == .plain)
        #expect(plain.outerLower == nil)
        #expect(plain.forwardOuterSource == nil)
        #expect(plain.tunnelDepth == 0)
    }

    @Test func vxlanObservationsKeepVNIPortAndVTEPMACs() throws {
        var table = FlowTable()
        let ping = Packets.echo(Self.podA, Self.podB, identifier: 9, request: true)
        table.add(Packets.vxlan(ping, Self.node1, Self.node2), at: 0, 1)
        table.add(Packets.vxlan(ping, Self.node1, Self.node2, vni: 7, port: 8472, vtepMACs: false, detectedByHeader: true), at: 0, 2)
        let record = try #require(Self.onlyRecord(table))
        #expect(record.observations.count == 2)
        let calico = record.observations[0]
        #expect(calico.carrier == .vxlan)
        #expect(calico.networkIdentifier == 4096)
        #expect(calico.tunnelPort == 4789)
        #expect(calico.innerSourceMAC?.firstByte == 0x66)
        #expect(!calico.detectedByHeader)
        #expect(calico.forwardOuterSource == Packets.address(Self.node1))
        let other = record.observations[1]
        #expect(other.networkIdentifier == 7)
        #expect(other.tunnelPort == 8472)
        #expect(other.innerSourceMAC?.firstByte == 0x0a)
        #expect(other.detectedByHeader)
        #expect(record.packetsToServer == 2)
    }

    @Test func wireGuardSessionIsItsOwnCarrier() throws {
        var table = FlowTable()
        table.add(Packets.wireguard(Self.node2, 51820, Self.node1, 51820), at: 0, 1)
        let record = try #require(Self.onlyRecord(table))
        #expect(record.key.protocolNumber == .udp)
        let observation = try #require(record.observations.first)
        #expect(observation.carrier == .wireguard)
        #expect(observation.outerLower == Packets.address(Self.node1))
        #expect(observation.outerUpper == Packets.address(Self.node2))
        #expect(observation.forwardOuterSource == Packets.address(Self.node1))
        #expect(observation.tunnelPort == 51820)
    }

    @Test func packetsWithoutAFlow() {
        var table = FlowTable()
        #expect(table.add(Dissection(), at: 0, 1) == .noFlow)
        var cut = Packets.tcp(Self.podA, 1, Self.podB, 2, flags: .syn)
        cut.transport = nil  // TCP header not captured
        #expect(table.add(cut, at: 0, 2) == .noFlow)
        // A VXLAN packet whose inner frame is ARP: the outer header decoded, nothing inside.
        var arpInVXLAN = Packets.udp(Self.node1, 40000, Self.node2, 4789)
        arpInVXLAN.tunnels.push(
            Encapsulation(kind: .vxlan, outerSource: Packets.address(Self.node1), outerDestination: Packets.address(Self.node2)))
        #expect(table.add(arpInVXLAN, at: 0, 3) == .noFlow)
        #expect(table.count == 0)
    }

    @Test func protocolWithoutPortsIsKeyedByAddresses() throws {
        var table = FlowTable()
        let esp = Packets.ip(IPProtocol(rawValue: 50), Self.node1, 0, Self.node2, 0, length: 120)
        #expect(table.add(esp, at: 0, 1) == .recorded(firstSighting: true))
        let record = try #require(Self.onlyRecord(table))
        #expect(record.key.lower == Self.endpoint(Self.node1, 0))
        #expect(record.bytesToServer == 120)
    }

    // MARK: ICMP errors

    /// 172.16.184.1 → 172.16.158.1 ICMP port unreachable quoting UDP 172.16.158.1:5353 → 172.16.184.1:53
    /// (hand-built; the quote keeps the IP header and the 8-byte UDP header, RFC 792).
    static let portUnreachable: [UInt8] = [
        // IPv4
        0x45, 0x00, 0x00, 0x38, 0x00, 0x01, 0x00, 0x00, 0x40, 0x01, 0x00, 0x00,  // total 56, id 1, TTL 64, ICMP
        0xac, 0x10, 0xb8, 0x01, 0xac, 0x10, 0x9e, 0x01,  // 172.16.184.1 > 172.16.158.1
        // ICMP type 3 (unreachable), code 3 (port), checksum, unused
        0x03, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        // quoted IPv4: total 44, id 0x1234, DF, TTL 64, UDP
        0x45, 0x00, 0x00, 0x2c, 0x12, 0x34, 0x40, 0x00, 0x40, 0x11, 0x00, 0x00,
        0xac, 0x10, 0x9e, 0x01, 0xac, 0x10, 0xb8, 0x01,  // 172.16.158.1 > 172.16.184.1
        // quoted UDP 5353 > 53, length 24
        0x14, 0xe9, 0x00, 0x35, 0x00, 0x18, 0x00, 0x00,
    ]

    static func dissectRaw(_ bytes: [UInt8]) -> Dissection {
        let dissector = Dissector()
        return bytes.withUnsafeBytes { dissector.dissect($0.bytes, linkType: .raw) }
    }

    @Test func icmpErrorIsAttachedToTheQuotedFlow() throws {
        var table = FlowTable()
        table.add(Packets.udp(Self.podA, 5353, Self.podB, 53, length: 44), at: 0, 10)
        let error = Self.dissectRaw(Self.portUnreachable)
        #expect(error.transport?.icmp?.quoted != nil)
        #expect(table.add(error, at: 0, 20) == .icmpErrorAttached)
        #expect(table.add(error, at: 1, 21, duplicate: true) == .icmpErrorAttached)
        #expect(table.add(error, at: 0, 30) == .icmpErrorAttached)
        let record = try #require(Self.onlyRecord(table))
        #expect(record.packetsToServer == 1)
        #expect(record.packetsToClient == 0)
        #expect(record.icmpErrors.count == 1)
        let note = try #require(record.icmpErrors.first)
        #expect(note.reporter == Packets.address(Self.podB))
        #expect(note.protocolNumber == .icmp)
        #expect(note.type == 3)
        #expect(note.code == 3)
        #expect(note.count == 2)
        #expect(note.firstSeen == 20)
    }

    @Test func icmpErrorWithoutItsFlowIsAnICMPFlow() throws {
        var table = FlowTable()
        let error = Self.dissectRaw(Self.portUnreachable)
        #expect(table.add(error, at: 0, 1) == .recorded(firstSighting: true))
        let record = try #require(Self.onlyRecord(table))
        #expect(record.key.protocolNumber == .icmp)
        #expect(record.client == Self.endpoint(Self.podB, 0))
        #expect(record.server == Self.endpoint(Self.podA, 0))
        #expect(record.icmpErrors.isEmpty)
    }

    // MARK: Fragments

    static func fragment(identification: UInt32, first: Bool, length: Int) -> Dissection {
        var packet = Packets.udp(Self.podA, 4000, Self.podB, 5000, length: length)
        packet.ip?.identification = identification
        packet.ip?.fragment = first ? .first : .later
        if !first { packet.transport = nil }
        return packet
    }

    @Test func laterFragmentsUseTheFirstFragmentsPorts() throws {
        var table = FlowTable()
        #expect(table.add(Self.fragment(identification: 77, first: true, length: 1500), at: 0, 1) == .recorded(firstSighting: true))
        #expect(table.add(Self.fragment(identification: 77, first: false, length: 528), at: 0, 2) == .recorded(firstSighting: false))
        let record = try #require(Self.onlyRecord(table))
        #expect(record.key.lower == Self.endpoint(Self.podA, 4000))
        #expect(record.key.upper == Self.endpoint(Self.podB, 5000))
        #expect(record.packetsToServer == 2)
        #expect(record.bytesToServer == 2028)
    }

    @Test func laterFragmentWithoutItsFirstIsReported() {
        var table = FlowTable()
        table.add(Self.fragment(identification: 77, first: true, length: 1500), at: 0, 1)
        #expect(table.add(Self.fragment(identification: 78, first: false, length: 528), at: 0, 2) == .fragmentWithoutFirst)
        #expect(table.count == 1)
        #expect(table.records.first?.packetsToServer == 1)
    }

    @Test func laterFragmentOfAPortlessProtocolNeedsNoFirst() throws {
        var table = FlowTable()
        var esp = Packets.ip(IPProtocol(rawValue: 50), Self.node1, 0, Self.node2, 0, length: 600, identification: 9)
        esp.ip?.fragment = .later
        #expect(table.add(esp, at: 0, 1) == .recorded(firstSighting: true))
        #expect(table.count == 1)
    }

    // MARK: Eviction

    @Test func evictsToStayWithinMaximumFlows() throws {
        var table = FlowTable(maximumFlows: 1_000)
        func packet(_ index: Int) -> Dissection {
            Packets.udp("10.1.\(index / 256).\(index % 256)", UInt16(1024 + index % 50_000), "10.2.0.1", 53)
        }
        var largest = 0
        for index in 0..<10_000 {
            table.add(packet(index), at: 0, Int64(index))
            largest = max(largest, table.count)
        }
        #expect(largest == 1_000)
        #expect(table.count == 1_000)
        #expect(table.evictedFlows == 9_000)
        #expect(table.evictedPackets == 9_000)
        // The index still finds every record that remains, and the newest flow is among them.
        #expect(table.records.allSatisfy { table.record(for: $0.key)?.key == $0.key })
        #expect(Set(table.records.map(\.key)).count == 1_000)
        let newest = packet(9_999)
        let ip = try #require(newest.ip)
        let ports = try #require(newest.ports)
        let key = FlowKey(
            source: Endpoint(address: ip.source, port: ports.source),
            destination: Endpoint(address: ip.destination, port: ports.destination), protocolNumber: .udp)
        #expect(table.record(for: key)?.lastSeen == 9_999)
    }

    @Test func evictionCountsTheEvictedFlowsPackets() {
        var table = FlowTable(maximumFlows: 1)
        for time in 0..<3 {
            table.add(Packets.udp(Self.podA, 1, Self.podB, 2), at: 0, Int64(time))
        }
        table.add(Packets.udp(Self.podA, 1, Self.podB, 3), at: 0, 10)
        #expect(table.count == 1)
        #expect(table.evictedFlows == 1)
        #expect(table.evictedPackets == 3)
        #expect(table.records.first?.key.upper.port == 3)
    }
}
