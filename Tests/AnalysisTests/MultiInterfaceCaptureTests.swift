import Analysis
import CalicapTestSupport
import Inputs
import Calico
import Flows
import Testing
import Wire

/// A pcapng holding eth0 (Ethernet) and tunl0 (raw IP) captured together, as tshark writes it
/// with two `-i`: libpcap 1.10 refuses it; calicap decodes each packet with its own interface's
/// link type and takes the names from the file. Built by Scripts/make-multi-interface-pcapng.py
/// from Fixtures/lab/ipip/w1-eth0.pcap and w1-tunl0.pcap.
@Suite struct MultiInterfaceCaptureTests {
    static let path = Fixtures.root + "/multi-interface/w1-eth0-tunl0.pcapng"

    @Test func eachInterfaceKeepsItsLinkTypeAndName() throws {
        let result = try Analyzer.run(AnalysisOptions(paths: [Self.path]))
        #expect(result.captures.map(\.linkType) == [.ethernet, .raw])
        #expect(result.captures.map(\.interface) == ["eth0", "tunl0"])
        #expect(result.captures.allSatisfy { !$0.interfaceAssumed })
        #expect(result.captures.map(\.packets) == [421, 416])
        #expect(result.capturePoints.map(\.role) == [.uplink, .ipipDevice])
        #expect(result.capturePoints.allSatisfy { !$0.roleAssumed })
    }

    @Test func packetsSeenOnBothInterfacesAreCountedOnce() throws {
        let result = try Analyzer.run(AnalysisOptions(paths: [Self.path]))
        #expect(result.modeCounts == [.ipip: 48])
        #expect(result.duplicatePackets == 416)
        for flow in result.flows {
            let single = try #require(flow.verdict.carriers.first)
            #expect(flow.verdict.carriers.count == 1)
            #expect(single.outerSource != nil)
            #expect(single.capturePoints == [0, 1])
            #expect(single.packets == flow.record.packetsToServer + flow.record.packetsToClient)
        }
        let tcp = try #require(result.flows.first { $0.record.client.description == "172.16.158.1:10002" })
        #expect(tcp.record.packetsToServer == 10)
        #expect(tcp.record.packetsToClient == 10)
    }
}
