import Calico
import Flows
import PacketTestSupport
import Testing
import Wire

/// Every outcome from hand-made exchanges pod B (client) → pod A (server), on one uplink.
@Suite struct FlowOutcomeTests {
    typealias P = Packets

    static func fromClient(_ flags: TCPFlags) -> Dissection { P.tcp(Lab.podB, 10002, Lab.podA, 8080, flags: flags) }
    static func fromServer(_ flags: TCPFlags) -> Dissection { P.tcp(Lab.podA, 8080, Lab.podB, 10002, flags: flags) }

    /// The outcome of the one flow between pods A and B after `packets`.
    static func outcome(_ packets: [Dissection]) throws -> FlowOutcome {
        var scenario = Scenario([("eth0", 0)])
        for packet in packets { scenario.see(packet, at: 0) }
        return try #require(scenario.analyse().verdict(Lab.podA, Lab.podB)).outcome
    }

    @Test func handshakeAndAckIsEstablished() throws {
        let outcome = try Self.outcome([
            Self.fromClient(.syn), Self.fromServer([.syn, .acknowledgment]), Self.fromClient(.acknowledgment),
        ])
        #expect(outcome == .established)
    }

    @Test func handshakeAndDataIsEstablished() throws {
        let outcome = try Self.outcome([
            Self.fromClient(.syn), Self.fromServer([.syn, .acknowledgment]),
            Self.fromClient([.push, .acknowledgment]), Self.fromServer([.fin, .acknowledgment]),
        ])
        #expect(outcome == .established)
    }

    @Test func resetAnsweringTheSynIsRefused() throws {
        let outcome = try Self.outcome([Self.fromClient(.syn), Self.fromServer([.reset, .acknowledgment])])
        #expect(outcome == .refused)
    }

    @Test func resetAfterTheHandshakeIsReset() throws {
        let outcome = try Self.outcome([
            Self.fromClient(.syn), Self.fromServer([.syn, .acknowledgment]), Self.fromClient(.acknowledgment),
            Self.fromServer([.reset, .acknowledgment]),
        ])
        #expect(outcome == .reset)
    }

    @Test func onlySynsIsNoReply() throws {
        let outcome = try Self.outcome([Self.fromClient(.syn), Self.fromClient(.syn), Self.fromClient(.syn)])
        #expect(outcome == .noReply)
        #expect(outcome.rawValue == "no-reply")
    }

    /// The capture started mid-connection: data both ways, no SYN.
    @Test func bothDirectionsWithoutSynIsIncomplete() throws {
        let outcome = try Self.outcome([
            Self.fromClient([.push, .acknowledgment]), Self.fromServer(.acknowledgment),
        ])
        #expect(outcome == .incomplete)
    }

    /// SYN and SYN-ACK but the client's ACK never seen: the handshake is not complete.
    @Test func synAckWithoutTheClientsAckIsIncomplete() throws {
        let outcome = try Self.outcome([Self.fromClient(.syn), Self.fromServer([.syn, .acknowledgment])])
        #expect(outcome == .incomplete)
    }

    @Test func udpReplyIsAnswered() throws {
        let outcome = try Self.outcome([P.udp(Lab.podB, 5353, Lab.podA, 53), P.udp(Lab.podA, 53, Lab.podB, 5353)])
        #expect(outcome == .answered)
    }

    @Test func udpWithoutReplyIsNoReply() throws {
        let outcome = try Self.outcome([P.udp(Lab.podB, 5353, Lab.podA, 53), P.udp(Lab.podB, 5353, Lab.podA, 53)])
        #expect(outcome == .noReply)
    }

    @Test func echoReplyIsAnsweredAndLoneRequestIsNoReply() throws {
        let answered = try Self.outcome([
            P.echo(Lab.podB, Lab.podA, identifier: 7, request: true), P.echo(Lab.podA, Lab.podB, identifier: 7, request: false),
        ])
        #expect(answered == .answered)
        let lonely = try Self.outcome([P.echo(Lab.podB, Lab.podA, identifier: 7, request: true)])
        #expect(lonely == .noReply)
    }

    /// 172.16.158.1 → 172.16.184.1 ICMP port unreachable (3/3) quoting UDP 172.16.184.1:5353 →
    /// 172.16.158.1:53 (pod B asked pod A).
    static let portUnreachable: [UInt8] = [
        0x45, 0x00, 0x00, 0x38, 0x00, 0x01, 0x00, 0x00, 0x40, 0x01, 0x00, 0x00,
        0xac, 0x10, 0x9e, 0x01, 0xac, 0x10, 0xb8, 0x01,
        0x03, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x45, 0x00, 0x00, 0x2c, 0x12, 0x34, 0x40, 0x00, 0x40, 0x11, 0x00, 0x00,
        0xac, 0x10, 0xb8, 0x01, 0xac, 0x10, 0x9e, 0x01,
        0x14, 0xe9, 0x00, 0x35, 0x00, 0x18, 0x00, 0x00,
    ]

    @Test func udpQuotedByAnICMPErrorIsUnreachable() throws {
        let error = Self.portUnreachable.withUnsafeBytes { Dissector().dissect($0.bytes, linkType: .raw) }
        var scenario = Scenario([("eth0", 0)])
        scenario.see(P.udp(Lab.podB, 5353, Lab.podA, 53, length: 44), at: 0)
        scenario.see(error, at: 0)
        let analysis = scenario.analyse()
        let flow = try #require(analysis.flows.first { $0.record.key.protocolNumber == .udp })
        #expect(flow.record.answered == false)
        #expect(flow.record.icmpErrors.count == 1)
        #expect(flow.verdict.outcome == .unreachable)
    }
}
