import CalicapTestSupport
import Foundation
import Testing

/// Every public capture (from tcpdump, libpcap, Zeek, Suricata, PcapPlusPlus, gopacket test
/// suites) is read without a crash or hang, and the tunnel captures give their inner flows.
@Suite struct PublicCaptureTests {
    static let files: [String] = Fixtures.captureFiles(under: "public")

    static func path(_ name: String) -> String {
        Fixtures.path("public/\(name)")
    }

    @Test func thereAreSixtyPublicCaptures() {
        #expect(Self.files.count == 60)
    }

    @Test(arguments: files)
    func readsWithoutCrashOrHang(file: String) throws {
        let outcome = try ProcessRunner.calicap(["-r", Self.path(file), "--format", "json"], timeout: 10)
        #expect(!outcome.crashed)
        #expect(outcome.seconds < 5)
        #expect([0, 3, 4].contains(outcome.status), "status \(outcome.status): \(outcome.standardError)")
        if outcome.status == 3 {
            #expect(outcome.standardError.split(separator: "\n").count == 1)
            #expect(outcome.standardOutput.isEmpty)
        } else {
            _ = try JSONText.object(outcome.standardOutput)
        }
    }

    struct TunnelCase: Sendable, CustomStringConvertible {
        var file: String
        var extraArguments: [String] = []
        var innerClient: String
        var innerServer: String
        var mode: String
        var outerSource: String?
        var vni: Int?
        var description: String { file }
    }

    static let tunnels: [TunnelCase] = [
        // IPv4 in IPv4 (protocol 4): an inner UDP/TCP flow carried between two outer addresses.
        TunnelCase(file: "zeek_zeek/4in4.pcap", innerClient: "10.0.0.1", innerServer: "10.0.0.2", mode: "ipip", outerSource: "1.2.3.4"),
        TunnelCase(file: "zeek_zeek/6in4.pcap", innerClient: "dead::beef", innerServer: "cafe::babe", mode: "ipip", outerSource: "1.2.3.4"),
        TunnelCase(file: "zeek_zeek/4in6.pcap", innerClient: "70.55.213.211", innerServer: "192.88.99.1", mode: "ipip", outerSource: "2002:4637:d5d3::4637:d5d3"),
        TunnelCase(file: "zeek_zeek/vxlan.pcap", innerClient: "10.0.0.1", innerServer: "10.0.0.2", mode: "vxlan", outerSource: "192.168.56.11", vni: 123),
        TunnelCase(file: "the-tcpdump-group_tcpdump/vxlan_port_8472.pcap", extraArguments: ["--vxlan-port", "8472"],
                   innerClient: "192.168.203.3", innerServer: "192.168.203.5", mode: "vxlan", outerSource: "192.168.203.1", vni: 100),
        TunnelCase(file: "zeek_zeek/vxlan-triple-v2.pcap", innerClient: "", innerServer: "", mode: "vxlan"),
    ]

    @Test(arguments: tunnels)
    func tunnelCapturesGiveInnerFlowsWithTheirCarrier(tunnel: TunnelCase) throws {
        let outcome = try ProcessRunner.calicap(["-r", Self.path(tunnel.file), "--format", "json"] + tunnel.extraArguments)
        #expect(outcome.status == 0)
        let document = try JSONText.object(outcome.standardOutput)
        let flows = try #require(document["flows"] as? [[String: Any]])
        #expect(!flows.isEmpty)
        for flow in flows {
            #expect(flow["mode"] as? String == tunnel.mode)
        }
        guard !tunnel.innerClient.isEmpty else { return }
        let flow = try #require(flows.first {
            ($0["client"] as? [String: Any])?["ip"] as? String == tunnel.innerClient
        }, "no flow from \(tunnel.innerClient)")
        #expect((flow["server"] as? [String: Any])?["ip"] as? String == tunnel.innerServer)
        let carrier = try #require((flow["carriers"] as? [[String: Any]])?.first)
        #expect(carrier["mode"] as? String == tunnel.mode)
        if let outer = tunnel.outerSource { #expect(carrier["outerSource"] as? String == outer) }
        if let vni = tunnel.vni { #expect(carrier["vni"] as? Int == vni) }
    }
}
