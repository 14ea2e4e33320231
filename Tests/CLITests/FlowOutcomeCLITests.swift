import CalicapTestSupport
import Foundation
import Testing

/// `outcome` on a lab capture: w1-eth0 of the direct lab holds cross-subnet TCP nobody answered.
@Suite struct FlowOutcomeCLITests {
    static func flows(_ arguments: [String]) throws -> [[String: Any]] {
        let outcome = try ProcessRunner.calicap(arguments)
        #expect(outcome.status == 0, "\(outcome)")
        let document = try JSONText.object(outcome.standardOutput)
        return try #require(document["flows"] as? [[String: Any]])
    }

    @Test func unansweredSynsAreNoReplyAndAnsweredTCPIsEstablished() throws {
        let flows = try Self.flows(["-r", Fixtures.lab("direct", "w1-eth0.pcap"), "--format", "json"])
        let tcp = flows.filter { $0["protocol"] as? String == "tcp" }
        let unanswered = tcp.filter { $0["answered"] as? Bool == false }
        let answered = tcp.filter { $0["answered"] as? Bool == true }
        #expect(!unanswered.isEmpty)
        #expect(!answered.isEmpty)
        for flow in unanswered {
            let flags = flow["tcpFlags"] as? [String: Any]
            #expect(flags?["fromClient"] as? String == "[S]", "\(flow)")
            #expect(flow["outcome"] as? String == "no-reply", "\(flow)")
        }
        for flow in answered {
            #expect(flow["outcome"] as? String == "established", "\(flow)")
        }
    }

    @Test func everyFlowHasAKnownOutcome() throws {
        let known: Set<String> = ["established", "refused", "reset", "no-reply", "incomplete", "answered", "unreachable"]
        let flows = try Self.flows(["-r", Fixtures.lab("direct", "w1-eth0.pcap"), "--format", "json"])
        for flow in flows {
            let outcome = try #require(flow["outcome"] as? String)
            #expect(known.contains(outcome))
            if flow["protocol"] as? String != "tcp" {
                #expect((outcome == "answered") == (flow["answered"] as? Bool == true), "\(flow)")
            }
        }
    }

    @Test func tableAndCSVShowTheOutcome() throws {
        let path = Fixtures.lab("direct", "w1-eth0.pcap")
        let table = try ProcessRunner.calicap(["-r", path, "-n"]).standardOutput
        let header = try #require(table.split(separator: "\n").first { $0.contains("ANSWERED") })
        #expect(header.hasSuffix("ANSWERED  OUTCOME"))
        #expect(table.contains("no-reply"))
        let csv = try ProcessRunner.calicap(["-r", path, "--format", "csv"]).standardOutput
        let lines = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        // `outcome` was the last column; columns added since come after it.
        let column = try #require(lines.first?.firstIndex(of: "outcome"))
        #expect(column == 22)
        #expect(lines.dropFirst().allSatisfy { ["established", "no-reply", "answered"].contains($0[column]) })
    }

    /// A public capture with a DNS query answered by a port unreachable: the table names the error.
    @Test func unreachableNamesTheICMPTypeInTheTable() throws {
        let outcome = try ProcessRunner.calicap(["-r", Fixtures.path("public/zeek_zeek/gre-sample.pcap"), "-n"])
        // Not answered: the flow is in the unanswered flows, grouped by its ends (no nodes here).
        let row = try #require(outcome.standardOutput.split(separator: "\n").first { $0.hasPrefix("  66.59.111.190 > 172.28.2.3 ") })
        #expect(row.contains("  unreachable (3/3) 1  "))
    }
}
