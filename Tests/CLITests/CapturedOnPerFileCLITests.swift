import CalicapTestSupport
import Foundation
import Testing

/// `--captured-on FILE=NAME`: each file's capture point named on its own.
@Suite struct CapturedOnPerFileCLITests {
    static func document(_ arguments: [String]) throws -> [String: Any] {
        let outcome = try ProcessRunner.calicap(arguments + ["--format", "json"])
        #expect(outcome.status == 0, "\(outcome)")
        return try JSONText.object(outcome.standardOutput)
    }

    static func labelled(_ folder: String) -> [String] {
        let uplink = Fixtures.lab(folder, "w1-eth0.pcap")
        let tunnel = Fixtures.lab(folder, "w1-tunl0.pcap")
        return ["-r", uplink, "--captured-on", "\(uplink)=eth0", "-r", tunnel, "--captured-on", "\(tunnel)=tunl0"]
    }

    /// Source → (interface, role, reason) of its single capture point.
    static func points(_ document: [String: Any]) -> [String: (String?, String?, String?)] {
        var result: [String: (String?, String?, String?)] = [:]
        for capture in document["captures"] as? [[String: Any]] ?? [] {
            let point = (capture["capturePoints"] as? [[String: Any]])?.first
            let source = URL(fileURLWithPath: capture["source"] as? String ?? "").lastPathComponent
            result[source] = (capture["interface"] as? String, point?["role"] as? String, point?["reason"] as? String)
        }
        return result
    }

    static func modes(_ document: [String: Any]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for flow in document["flows"] as? [[String: Any]] ?? [] { counts[flow["mode"] as? String ?? "?", default: 0] += 1 }
        return counts
    }

    @Test func eachFileIsLabelledOnItsOwn() throws {
        let points = Self.points(try Self.document(Self.labelled("ipip")))
        #expect(points["w1-eth0.pcap"]?.0 == "eth0")
        #expect(points["w1-eth0.pcap"]?.1 == "uplink")
        #expect(points["w1-eth0.pcap"]?.2 == "--captured-on eth0")
        #expect(points["w1-tunl0.pcap"]?.0 == "tunl0")
        #expect(points["w1-tunl0.pcap"]?.1 == "ipip-device")
        #expect(points["w1-tunl0.pcap"]?.2 == "--captured-on tunl0")
    }

    /// Cross-subnet: same-subnet pairs go direct on eth0 and stay direct although tunl0 is read
    /// too; one --captured-on tunl0 for both files would make every flow IPIP.
    @Test func directFlowsStayDirectInACrossSubnetPair() throws {
        let document = try Self.document(Self.labelled("crosssubnet"))
        let expected = Fixtures.labExpectations("crosssubnet").filter { $0.file == "w1-eth0.pcap" }
        let expectedDirect = expected.filter { $0.mode == "direct" }.count
        #expect(expectedDirect > 0)
        #expect(Self.modes(document) == ["direct": expectedDirect, "ipip": expected.count - expectedDirect])
        let uplink = Fixtures.lab("crosssubnet", "w1-eth0.pcap")
        let tunnel = Fixtures.lab("crosssubnet", "w1-tunl0.pcap")
        let everyFile = try Self.document(["-r", uplink, "-r", tunnel, "--captured-on", "tunl0"])
        #expect(Self.modes(everyFile)["direct"] == nil)
    }

    @Test func plainNameStillMeansEveryFile() throws {
        let points = Self.points(try Self.document(["-r", Fixtures.lab("ipip", "w1-eth0.pcap"), "--captured-on", "router"]))
        #expect(points["w1-eth0.pcap"]?.1 == "uplink")
        #expect(points["w1-eth0.pcap"]?.2 == "--captured-on router")
    }

    @Test func unknownFilesAndNamesAreUsageErrors() throws {
        let file = Fixtures.lab("ipip", "w1-eth0.pcap")
        let cases: [([String], String)] = [
            (["--captured-on", "other.pcap=eth0"], "is not among the files read"),
            (["--captured-on", "\(file)=not/a/device"], "accepted: a device name"),
            (["--captured-on", "a-name-far-too-long-for-linux"], "accepted: a device name"),
            (["--captured-on", "eth0", "--captured-on", "tunl0"], "use FILE=NAME per file"),
        ]
        for (arguments, message) in cases {
            let outcome = try ProcessRunner.calicap(["-r", file] + arguments)
            #expect(outcome.status == 2, "\(arguments)")
            #expect(outcome.errorLines.first?.contains(message) == true, "\(arguments): \(outcome.standardError)")
            #expect(outcome.standardOutput.isEmpty)
        }
    }
}
