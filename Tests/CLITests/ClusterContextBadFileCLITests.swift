import CalicapTestSupport
import Foundation
import Testing

extension ClusterContextCLITests {
    /// A cluster file calicap cannot read is a usage error: exit 2, one line on stderr naming the
    /// file, no report.
    @Suite struct BadClusterFile {
        static let badFiles = [
            Fixtures.path("cluster-cases/invalid-yaml.yaml"),
            Fixtures.path("cluster-cases/unrecognised-kind.yaml"),
            Fixtures.lab("ipip", "w1-eth0.pcap"),
        ]

        @Test(arguments: badFiles)
        func badClusterFileIsOneLineAndStatusTwo(file: String) throws {
            let outcome = try ProcessRunner.calicap(
                ["-r", Fixtures.lab("ipip", "w1-eth0.pcap"), "--cluster", file, "--format", "json"])
            #expect(!outcome.crashed)
            #expect(outcome.status == 2, "\(outcome)")
            #expect(outcome.errorLines.count == 1, "stderr: \(outcome.standardError)")
            #expect(outcome.standardError.contains(file), "stderr: \(outcome.standardError)")
            #expect(outcome.standardOutput.isEmpty)
        }

        /// Among good files, the bad one is the one named.
        @Test(arguments: badFiles)
        func badFileAmongGoodOnesIsTheOneNamed(file: String) throws {
            let good = LabCluster.allClusterFiles("ipip")
            let outcome = try ProcessRunner.calicap(
                ["-r", Fixtures.lab("ipip", "w1-eth0.pcap"), "--format", "json"]
                    + LabCluster.clusterArguments(Array(good.prefix(2)) + [file] + Array(good.dropFirst(2))))
            #expect(outcome.status == 2, "\(outcome)")
            #expect(outcome.errorLines.count == 1, "stderr: \(outcome.standardError)")
            let line = outcome.errorLines.first.map(String.init) ?? ""
            #expect(line.contains(file))
            #expect(good.allSatisfy { !line.contains($0) }, "\(line)")
            #expect(outcome.standardOutput.isEmpty)
        }

        @Test func missingClusterFileIsNamed() throws {
            let file = "/nonexistent/cluster/nodes.yaml"
            let outcome = try ProcessRunner.calicap(["-r", Fixtures.lab("ipip", "w1-eth0.pcap"), "--cluster", file])
            #expect([2, 3].contains(outcome.status), "\(outcome)")
            #expect(outcome.errorLines.count == 1)
            #expect(outcome.standardError.contains(file))
        }
    }
}
