import CalicapTestSupport
import Foundation
import Testing

/// `--captured-on` names calicap knows, and a stated capture point its packets contradict: a
/// warning naming both (stderr and the `capture-point-contradicted` finding), the stated point
/// still deciding, exit status 0.
@Suite struct CapturePointContradictionCLITests {
    static func findings(_ outcome: ProcessOutcome) throws -> [[String: Any]] {
        try JSONText.object(outcome.standardOutput)["findings"] as? [[String: Any]] ?? []
    }

    @Test func unknownNamesAreUsageErrorsWithTheAcceptedNames() throws {
        let file = Fixtures.lab("ipip", "w1-eth0.pcap")
        for arguments in [["--captured-on", "foo"], ["--captured-on", "\(file)=foo"], ["--captured-on", "xyz0"]] {
            let outcome = try ProcessRunner.calicap(["-r", file] + arguments)
            #expect(outcome.status == 2, "\(arguments)")
            let message = outcome.errorLines.first ?? ""
            #expect(message.contains("is not a capture point calicap knows"), "\(message)")
            for name in ["eth*", "en*", "router", "tunl0", "vxlan.calico", "wireguard.cali", "cali*"] {
                #expect(message.contains(name), "\(name) missing from: \(message)")
            }
            #expect(outcome.standardOutput.isEmpty)
        }
        let verify = try ProcessRunner.calicap(["verify", "--expect-mode", "ipip", "--captured-on", "foo", file])
        #expect(verify.status == 2)
        #expect(verify.standardError.contains("is not a capture point calicap knows"))
    }

    @Test(arguments: ["eth0", "ens5", "enp0s3", "bond0", "br-ex", "eth0.100", "p1p1", "router", "ETH0"])
    func uplinkNamesAreAccepted(_ name: String) throws {
        let outcome = try ProcessRunner.calicap(["-r", Fixtures.lab("ipip", "w1-eth0.pcap"), "--captured-on", name])
        #expect(outcome.status == 0, "\(name): \(outcome.standardError)")
        #expect(outcome.standardError.isEmpty, "\(name): \(outcome.standardError)")
    }

    /// A raw-IP file (tunl0) called eth0.
    @Test func rawIPFileCalledEth0() throws {
        let file = Fixtures.lab("ipip", "w1-tunl0.pcap")
        let outcome = try ProcessRunner.calicap(["-r", file, "--captured-on", "eth0", "--format", "json"])
        #expect(outcome.status == 0)
        #expect(outcome.errorLines.count == 1)
        let warning = outcome.errorLines.first ?? ""
        #expect(warning.hasPrefix("calicap: warning: \(file): stated as eth0 (--captured-on), but the file is raw IP"))
        #expect(warning.contains("its packets look like tunl0"))
        let findings = try Self.findings(outcome).filter { $0["id"] as? String == "capture-point-contradicted" }
        #expect(findings.count == 1)
        #expect(findings.first?["severity"] as? String == "warning")
        let evidence = findings.first?["evidence"] as? [String: Any] ?? [:]
        #expect(evidence["stated"] as? String == "eth0")
        #expect(evidence["inferred"] as? String == "tunl0")
        // The stated point decides: on an uplink, plain pod packets are Direct.
        let document = try JSONText.object(outcome.standardOutput)
        let modes = Set((document["flows"] as? [[String: Any]] ?? []).compactMap { $0["mode"] as? String })
        #expect(modes == ["direct"])
        // Not damage: the report is whole.
        #expect((document["summary"] as? [String: Any])?["warnings"] as? [String] == [])
    }

    /// An Ethernet file with protocol-4 outer headers called tunl0, named per file beside a
    /// correctly named one: one warning, about that file only.
    @Test func ethernetFileWithIPIPCalledTunl0() throws {
        let uplink = Fixtures.lab("ipip", "w1-eth0.pcap")
        let tunnel = Fixtures.lab("ipip", "w1-tunl0.pcap")
        let outcome = try ProcessRunner.calicap([
            "-r", uplink, "--captured-on", "\(uplink)=tunl0", "-r", tunnel, "--captured-on", "\(tunnel)=tunl0",
        ])
        #expect(outcome.status == 0)
        #expect(outcome.errorLines.count == 1, "\(outcome.standardError)")
        let warning = outcome.errorLines.first ?? ""
        #expect(warning.contains("\(uplink): stated as tunl0"))
        #expect(warning.contains("carry tunnel outer headers (IP-in-IP, protocol 4)"))
        #expect(warning.contains("its packets look like eth0"))
        #expect(outcome.standardOutput.contains("WARNING capture-point-contradicted: \(uplink): stated as tunl0"))
    }

    @Test func vxlanDeviceCalledEth0AndUplinkCalledVxlanCalico() throws {
        let device = try ProcessRunner.calicap(["-r", Fixtures.lab("vxlan", "w1-vxlan.calico.pcap"), "--captured-on", "eth0"])
        #expect(device.status == 0)
        #expect(device.standardError.contains("between Calico VTEP MACs"))
        let uplink = try ProcessRunner.calicap(["-r", Fixtures.lab("vxlan", "w1-eth0.pcap"), "--captured-on", "vxlan.calico"])
        #expect(uplink.status == 0)
        #expect(uplink.standardError.contains("(VXLAN), which vxlan.calico never shows"))
    }

    /// Stated points the packets agree with: not a word.
    @Test func agreeingStatementsAreSilent() throws {
        let uplink = Fixtures.lab("crosssubnet", "w1-eth0.pcap")
        let tunnel = Fixtures.lab("crosssubnet", "w1-tunl0.pcap")
        let outcome = try ProcessRunner.calicap([
            "-r", uplink, "--captured-on", "\(uplink)=eth0", "-r", tunnel, "--captured-on", "\(tunnel)=tunl0", "--format", "json",
        ])
        #expect(outcome.status == 0)
        #expect(outcome.standardError.isEmpty)
        #expect(try Self.findings(outcome).allSatisfy { $0["id"] as? String != "capture-point-contradicted" })
    }
}
