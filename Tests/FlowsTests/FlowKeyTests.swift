import Flows
import PacketTestSupport
import Testing
import Wire

@Suite struct FlowKeyTests {
    static let podA = Packets.address("172.16.158.1")
    static let podB = Packets.address("172.16.184.1")

    @Test func ordersEndpointsCanonically() {
        let client = Endpoint(address: Self.podB, port: 10002)
        let server = Endpoint(address: Self.podA, port: 8080)
        let fromClient = FlowKey(source: client, destination: server, protocolNumber: .tcp)
        let fromServer = FlowKey(source: server, destination: client, protocolNumber: .tcp)
        #expect(fromClient == fromServer)
        #expect(fromClient.lower == server)
        #expect(fromClient.upper == client)
        #expect(fromClient.protocolNumber == .tcp)
        #expect(fromClient.direction(ofPacketFrom: server) == .forward)
        #expect(fromClient.direction(ofPacketFrom: client) == .reverse)
    }

    @Test func sameAddressIsOrderedByPort() {
        let low = Endpoint(address: Self.podA, port: 53)
        let high = Endpoint(address: Self.podA, port: 40000)
        let key = FlowKey(source: high, destination: low, protocolNumber: .udp)
        #expect(key.lower == low)
        #expect(key.upper == high)
        #expect(key.direction(ofPacketFrom: high) == .reverse)
    }

    @Test func ipv4SortsBeforeIPv6() {
        let v6 = Endpoint(address: Packets.address("fd00::1"), port: 1)
        let v4 = Endpoint(address: Packets.address("255.255.255.255"), port: 65535)
        #expect(v4 < v6)
        #expect(FlowKey(source: v6, destination: v4, protocolNumber: .udp).lower == v4)
    }

    @Test func protocolDistinguishesKeys() {
        let a = Endpoint(address: Self.podA, port: 53)
        let b = Endpoint(address: Self.podB, port: 53)
        let udp = FlowKey(source: a, destination: b, protocolNumber: .udp)
        let tcp = FlowKey(source: a, destination: b, protocolNumber: .tcp)
        let icmp = FlowKey(source: a, destination: b, protocolNumber: .icmp)
        #expect(udp != tcp)
        #expect([udp, tcp, icmp].sorted() == [icmp, tcp, udp])
    }

    @Test func directionReverses() {
        #expect(Direction.forward.reversed == .reverse)
        #expect(Direction.reverse.reversed == .forward)
    }

    @Test func endpointText() {
        #expect(Endpoint(address: Self.podA, port: 8080).description == "172.16.158.1:8080")
        #expect(Endpoint(address: Packets.address("fd00::1"), port: 443).description == "[fd00::1]:443")
    }
}
