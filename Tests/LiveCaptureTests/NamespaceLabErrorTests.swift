import CalicapTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Live capture's errors and Ctrl-C, each in a scratch namespace of its own (part of the
/// serialized namespace-lab suite).
extension NamespaceLabTests {
    @Test("calicap -i nosuchdev0: exit 3, one line listing the interfaces", .enabled(if: NamespaceLabTests.liveEnabled))
    func noSuchInterface() throws {
        try ScratchNamespace.with { namespace in
            let outcome = try ProcessRunner.run(LabEnvironment.ip,
                ["netns", "exec", namespace, LabEnvironment.calicap, "-i", "nosuchdev0"], timeout: 20)
            let status = outcome.status, errors = outcome.standardError
            #expect(status == 3, "stderr: \(errors)")
            let lines = outcome.standardError.split(separator: "\n")
            #expect(lines.count == 1, "stderr: \(errors)")
            #expect(errors.contains("nosuchdev0"))
            // The namespace has lo, eth0 and eth1: the message lists them.
            for name in ["lo", "eth0", "eth1"] {
                #expect(errors.contains(name), "\(name) not listed: \(errors)")
            }
            let output = outcome.standardOutput
            #expect(output.isEmpty)
        }
    }

    @Test("calicap -i eth0 'tcp port port': exit 3 with the expression", .enabled(if: NamespaceLabTests.liveEnabled))
    func badLiveFilter() throws {
        try ScratchNamespace.with { namespace in
            let outcome = try ProcessRunner.run(LabEnvironment.ip,
                ["netns", "exec", namespace, LabEnvironment.calicap, "-i", "eth0", "tcp port port"], timeout: 20)
            let status = outcome.status, errors = outcome.standardError
            #expect(status == 3, "stderr: \(errors)")
            #expect(errors.split(separator: "\n").count == 1, "stderr: \(errors)")
            #expect(errors.contains("tcp port port"), "stderr: \(errors)")
        }
    }

    @Test("calicap -i eth0 as nobody: exit 3, one line about permission",
          .enabled(if: NamespaceLabTests.liveEnabled && LabEnvironment.which("setpriv") != nil))
    func noPermission() throws {
        try ScratchNamespace.with { namespace in
            let nobody = ["--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all", "--bounding-set=-all"]
            let probe = try ProcessRunner.run(LabEnvironment.ip,
                ["netns", "exec", namespace, "setpriv"] + nobody + ["test", "-x", LabEnvironment.calicap])
            try #require(probe.status == 0, "nobody cannot run \(LabEnvironment.calicap); not checked")
            let outcome = try ProcessRunner.run(LabEnvironment.ip,
                ["netns", "exec", namespace, "setpriv"] + nobody + [LabEnvironment.calicap, "-i", "eth0"], timeout: 20)
            let status = outcome.status, errors = outcome.standardError
            #expect(status == 3, "stderr: \(errors)")
            #expect(errors.split(separator: "\n").count == 1, "stderr: \(errors)")
            let text = errors.lowercased()
            #expect(["permission", "not permitted", "cap_net_raw", "root"].contains { text.contains($0) },
                    "stderr: \(outcome.standardError)")
        }
    }

    @Test("calicap -i eth0 with no traffic: SIGINT still prints the report, exit 0", .enabled(if: NamespaceLabTests.liveEnabled))
    func interruptWithoutTraffic() throws {
        try ScratchNamespace.with { namespace in
            let directory = LabEnvironment.artifacts.appendingPathComponent(namespace)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            for format in ["json", "table"] {
                let command = try BackgroundCommand(LabEnvironment.ip,
                    ["netns", "exec", namespace, LabEnvironment.calicap, "-i", "eth0", "--format", format],
                    outputFile: directory.appendingPathComponent("idle.\(format)"),
                    errorFile: directory.appendingPathComponent("idle-\(format).err"))
                _ = command.waitUntilListening(markers: ["listening"], timeout: 1.5)
                // A person's Ctrl-C, not one racing the "listening on" line.
                usleep(300_000)
                #expect(command.isRunning, "calicap ended before SIGINT: \(command.standardError)")
                command.interrupt()
                let ending = command.wait(timeout: 10)
                #expect(!ending.killed, "calicap did not end within 10 s of SIGINT")
                #expect(ending.status == 0 && !ending.signalled, "status \(ending.status): \(command.standardError)")
                if format == "json" {
                    let report = try Report.decode(command.standardOutput)
                    let counted = report.summary.flows, listed = report.flows.count
                    let podFlows = report.flows.filter { $0.kind == "pod-to-pod" }.count
                    #expect(counted == listed)
                    #expect(podFlows == 0)
                } else {
                    #expect(command.standardOutput.contains("Summary"), "stdout: \(command.standardOutput)")
                }
            }
        }
    }
}
