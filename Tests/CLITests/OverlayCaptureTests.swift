import CalicapTestSupport
import Foundation
import Testing

/// Overlays that are not Calico's, on captures made for real in network namespaces by
/// `Scripts/overlay-lab/make-overlay-fixtures.sh` (`Fixtures/overlays/`) and on the public
/// captures: each flow's mode and overlay name, the `not-calico-overlay` finding, and no Calico
/// pool verdict where the traffic between nodes is someone else's overlay.
@Suite struct OverlayCaptureTests {
    struct Case: Sendable, CustomStringConvertible {
        var file: String
        /// Per flow: the flow's mode, and its carriers' mode.
        var mode: String
        var carrier: String
        var overlay: String
        var port: Int?
        /// The VNIs (GRE: keys; ERSPAN: sessions) of the carriers, sorted.
        var identifiers: [Int]
        /// The pool when the overlay is set aside: `Unknown`, with the finding saying it is not judged.
        var poolJudged: Bool
        var description: String { file }
    }

    /// Each capture holds pod 10.244.1.2 (node a, 10.30.0.1) → pod 10.244.2.2 (node b,
    /// 10.30.0.2): an ICMP echo (id 0x7100), TCP 31000 → 7000 and UDP 32000 → 7001.
    static let cases: [Case] = [
        // The kernel's VXLAN device as flanneld makes it: VNI 1, UDP 8472, VTEP MACs 0e:f1:….
        Case(file: "flannel-vxlan.pcap", mode: "vxlan", carrier: "vxlan", overlay: "flannel", port: 8472, identifiers: [1], poolJudged: false),
        // Flannel's udp backend: bare IP in UDP 8285.
        Case(file: "flannel-udp.pcap", mode: "unknown", carrier: "ip-in-udp", overlay: "flannel", port: 8285, identifiers: [], poolJudged: false),
        // Geneve whose VNI is the sender's identity (48312 one way, 20561 the other).
        Case(file: "cilium-geneve.pcap", mode: "unknown", carrier: "geneve", overlay: "cilium", port: 6081, identifiers: [20561, 48312], poolJudged: false),
        // The same on VXLAN 8472.
        Case(file: "cilium-vxlan.pcap", mode: "vxlan", carrier: "vxlan", overlay: "cilium", port: 8472, identifiers: [20561, 48312], poolJudged: false),
        // GRE, key 42 one way (with a sequence number), key 43 the other (with a checksum).
        Case(file: "gre.pcap", mode: "unknown", carrier: "gre", overlay: "gre", port: nil, identifiers: [42, 43], poolJudged: false),
        // Pods routed directly; ERSPAN II (session 7) and III (session 8) copies to node b:
        // the flows are direct, the copies are named, the pool is judged on the direct flows.
        Case(file: "erspan.pcap", mode: "direct", carrier: "erspan", overlay: "erspan", port: nil, identifiers: [7, 8], poolJudged: true),
    ]

    static let expectedFlows: [(protocol: String, client: String, server: String)] = [
        ("icmp", "10.244.1.2:28928", "10.244.2.2:28928"),
        ("tcp", "10.244.1.2:31000", "10.244.2.2:7000"),
        ("udp", "10.244.1.2:32000", "10.244.2.2:7001"),
    ]

    static func end(_ value: Any?) -> String {
        let object = value as? [String: Any]
        return "\(object?["ip"] as? String ?? "?"):\(object?["port"] as? Int ?? -1)"
    }

    static func analyse(_ path: String, _ extra: [String] = []) throws -> [String: Any] {
        let outcome = try ProcessRunner.calicap(["-r", path, "--format", "json"] + extra)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        return try JSONText.object(outcome.standardOutput)
    }

    @Test(arguments: cases)
    func eachFlowNamesItsOverlay(overlayCase: Case) throws {
        let document = try Self.analyse(Fixtures.path("overlays/\(overlayCase.file)"))
        let flows = try #require(document["flows"] as? [[String: Any]])
        let keys = flows.map { ($0["protocol"] as? String ?? "", Self.end($0["client"]), Self.end($0["server"])) }
        #expect(keys.map { "\($0.0) \($0.1) > \($0.2)" } == Self.expectedFlows.map { "\($0.protocol) \($0.client) > \($0.server)" })
        var identifiers = Set<Int>()
        for flow in flows {
            #expect(flow["mode"] as? String == overlayCase.mode)
            #expect(flow["overlay"] as? String == overlayCase.overlay)
            #expect(flow["answered"] as? Bool == true)
            let carriers = try #require(flow["carriers"] as? [[String: Any]])
            let named = try #require(carriers.first { $0["overlay"] as? String == overlayCase.overlay })
            #expect(named["mode"] as? String == overlayCase.carrier)
            #expect(named["outerSource"] as? String == "10.30.0.1")
            #expect(named["outerDestination"] as? String == "10.30.0.2")
            #expect(named["port"] as? Int == overlayCase.port)
            for carrier in carriers where carrier["overlay"] as? String == overlayCase.overlay {
                if let identifier = carrier["vni"] as? Int { identifiers.insert(identifier) }
            }
            // Nothing of it is taken for Calico's.
            #expect(!carriers.contains { $0["overlay"] as? String == "calico" })
        }
        #expect(identifiers.sorted() == overlayCase.identifiers)

        let findings = try #require(document["findings"] as? [[String: Any]])
        let finding = try #require(findings.first { $0["id"] as? String == "not-calico-overlay" })
        #expect(finding["severity"] as? String == "info")
        #expect((finding["flows"] as? [[String: Any]])?.count == 3)
        #expect(finding["nodes"] as? [String] == ["10.30.0.1", "10.30.0.2"])
        let evidence = try #require(finding["evidence"] as? [String: Any])
        #expect(evidence["overlay"] as? String == overlayCase.overlay)
        #expect(evidence["carrier"] as? String == overlayCase.carrier)
        #expect(evidence["poolJudged"] as? Bool == overlayCase.poolJudged)

        let pool = try #require((document["summary"] as? [String: Any])?["pool"] as? [String: Any])
        if overlayCase.poolJudged {
            #expect(pool["behaviour"] as? String != "Unknown")
        } else {
            #expect(pool["behaviour"] as? String == "Unknown")
            #expect(pool["encapsulation"] is NSNull)
            #expect(pool["ipipMode"] is NSNull)
            #expect(pool["vxlanMode"] is NSNull)
            let notes = try #require(pool["notes"] as? [String])
            #expect(notes.contains { $0.contains("the Calico pool is not judged") })
        }
    }

    @Test func theTableShowsTheOverlayBesideTheMode() throws {
        let outcome = try ProcessRunner.calicap(["-r", Fixtures.path("overlays/flannel-vxlan.pcap")])
        #expect(outcome.status == 0)
        let rows = outcome.standardOutput.split(separator: "\n").filter { $0.contains("10.244.1.2:") }
        #expect(rows.count == 3)
        #expect(rows.allSatisfy { $0.contains(" vxlan (flannel) ") })
        #expect(outcome.standardOutput.contains("  pool: Unknown\n"))
        #expect(outcome.standardOutput.contains("Flannel VXLAN (UDP 8472; VNI 1; VTEP MACs not Calico's)"))
    }

    /// `calicap verify`: Flannel's VXLAN never passes for Calico's, even with the pods known.
    @Test func flannelVXLANNeverPassesACalicoExpectation() throws {
        let outcome = try ProcessRunner.calicap([
            "verify", "--expect-mode", "vxlan", "--pod-cidr", "10.244.0.0/16", Fixtures.path("overlays/flannel-vxlan.pcap"),
        ])
        #expect(outcome.status == 1)
        #expect(outcome.standardOutput.contains("3 of 3 flows were not vxlan"))
        let findingsLine = outcome.standardOutput.split(separator: "\n").first { $0.contains("findings: ") } ?? ""
        #expect(findingsLine.contains("not-calico-overlay"))
    }

    /// Cisco MetaData in GRE (`various_gre.pcap`): the inner ICMP and PIM flows are decoded.
    @Test func ciscoMetadataInGREReachesTheInnerFlows() throws {
        let document = try Self.analyse(Fixtures.path("public/the-tcpdump-group_tcpdump/various_gre.pcap"))
        let flows = try #require(document["flows"] as? [[String: Any]])
        let keys = flows.map { "\($0["protocol"] as? String ?? "") \(Self.end($0["client"])) > \(Self.end($0["server"]))" }
        #expect(keys == [
            "icmp 172.17.1.54:1 > 172.17.1.55:1", "103 172.17.1.54:0 > 224.0.0.13:0", "103 172.17.1.55:0 > 224.0.0.13:0",
        ])
        for flow in flows {
            let carrier = try #require((flow["carriers"] as? [[String: Any]])?.first)
            #expect(carrier["mode"] as? String == "gre")
            #expect(carrier["vni"] as? Int == 0x28)
            #expect(flow["overlay"] as? String == "gre")
        }
        let pool = try #require((document["summary"] as? [String: Any])?["pool"] as? [String: Any])
        #expect(pool["behaviour"] as? String == "Unknown")
    }

    /// Over every capture in Fixtures: where another overlay carries the flows between nodes and
    /// nothing of Calico's is seen, there is no Calico pool verdict, and the finding names it.
    @Test(arguments: Fixtures.captureFiles(under: "public") .map { "public/\($0)" }
        + Fixtures.captureFiles(under: "overlays").map { "overlays/\($0)" })
    func noCalicoVerdictForOtherOverlays(file: String) throws {
        let outcome = try ProcessRunner.calicap(["-r", Fixtures.path(file), "--format", "json"], timeout: 10)
        #expect(!outcome.crashed)
        guard outcome.status != 3 else { return }
        let document = try JSONText.object(outcome.standardOutput)
        let flows = document["flows"] as? [[String: Any]] ?? []
        let overlays = Set(flows.flatMap { ($0["carriers"] as? [[String: Any]] ?? []).compactMap { $0["overlay"] as? String } })
        let others = overlays.subtracting(["calico", "erspan", "calico-ebpf-nodeport"])
        let findings = document["findings"] as? [[String: Any]] ?? []
        let named = Set(findings.filter { $0["id"] as? String == "not-calico-overlay" }
            .compactMap { ($0["evidence"] as? [String: Any])?["overlay"] as? String })
        #expect(named == overlays.subtracting(["calico"]), "\(file)")
        let plain = flows.contains { ($0["carriers"] as? [[String: Any]] ?? []).contains { ["direct", "wireguard"].contains($0["mode"] as? String) } }
        guard !others.isEmpty, !overlays.contains("calico"), !plain else { return }
        let pool = (document["summary"] as? [String: Any])?["pool"] as? [String: Any]
        #expect(pool?["behaviour"] as? String == "Unknown", "\(file)")
    }
}
