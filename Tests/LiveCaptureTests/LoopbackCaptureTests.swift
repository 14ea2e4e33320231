import CalicapTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// End to end on a loopback device nobody else uses: each test runs calicap and its traffic in
/// an anonymous network namespace (`unshare --net`), which disappears with the processes. Root
/// only; skipped otherwise.
@Suite(.enabled(if: LoopbackNamespace.isAvailable, "needs root and unshare(1)"))
struct LoopbackCaptureTests {
    @Test func countEndsWithTheReportAndTheSavedFileGivesTheSameVerdicts() throws {
        let scratch = TemporaryDirectory(prefix: "calicap-loopback")
        let file = scratch.file("lo.pcapng")
        let json = scratch.file("live.json")
        let errors = scratch.file("err.txt")
        let outcome = try LoopbackNamespace.run("""
            \(LoopbackNamespace.calicap) -i lo -c 8 -w \(file) --format json > \(json) 2> \(errors) &
            pid=$!; sleep 0.6
            for port in 5001 5002 5003 5004; do echo hello > /dev/udp/127.0.0.1/$port; done
            wait $pid; echo "status=$?"
            """)
        #expect(outcome.contains("status=0"), "\(outcome)")
        let stderr = try String(contentsOfFile: errors, encoding: .utf8)
        #expect(stderr.contains("listening on lo, link-type EN10MB"))
        #expect(stderr.contains("8 packets captured"))
        #expect(stderr.contains("packets received by filter"))
        #expect(stderr.contains("packets dropped by kernel"))
        #expect(stderr.contains("packets dropped by interface"))

        let live = try LoopbackNamespace.json(at: json)
        let summary = try #require(live["summary"] as? [String: Any])
        #expect(summary["packets"] as? Int == 8)
        let offline = try LoopbackNamespace.runCalicap(["-r", file, "--format", "json"])
        #expect(offline.status == 0)
        let saved = try #require(try JSONSerialization.jsonObject(with: Data(offline.output.utf8)) as? [String: Any])
        #expect(NSDictionary(dictionary: saved["summary"] as? [String: Any] ?? [:]) == NSDictionary(dictionary: summary))
        // `seenAt` names the capture point: the device live, the file when read back.
        func verdicts(_ document: [String: Any]) -> NSArray {
            NSArray(array: (document["flows"] as? [[String: Any]] ?? []).map { flow in
                var flow = flow
                flow["seenAt"] = nil
                return flow
            })
        }
        #expect(verdicts(saved) == verdicts(live))
        #expect((live["flows"] as? [[String: Any]])?.first?["seenAt"] as? [String] == ["lo"])
        let captures = try #require(saved["captures"] as? [[String: Any]])
        #expect(captures.first?["interface"] as? String == "lo")
        #expect(captures.first?["interfaceAssumed"] as? Bool == false)
    }

    @Test func sigintEndsCleanlyWithTheReportAndAValidFile() throws {
        let scratch = TemporaryDirectory(prefix: "calicap-loopback")
        let file = scratch.file("lo.pcap")
        let report = scratch.file("report.txt")
        let outcome = try LoopbackNamespace.run("""
            \(LoopbackNamespace.calicap) -i lo -w \(file) -v > \(report) 2>&1 &
            pid=$!; sleep 0.6
            for port in 6001 6002 6003; do echo hello > /dev/udp/127.0.0.1/$port; done
            sleep 0.3; kill -INT $pid; wait $pid; echo "status=$?"
            """)
        #expect(outcome.contains("status=0"), "\(outcome)")
        let text = try String(contentsOfFile: report, encoding: .utf8)
        #expect(text.contains("local (lo) | 127.0.0.1."))
        #expect(text.contains("Summary"))
        #expect(text.contains("packets captured"))
        // Classic pcap (by its name): readable, the interface name is not in it.
        let offline = try LoopbackNamespace.runCalicap(["-r", file, "--captured-on", "lo"])
        #expect(offline.status == 0)
        #expect(offline.output.contains("Summary"))
    }

    @Test func errorsAreOneLineAndStatusThree() throws {
        let missing = try LoopbackNamespace.run("\(LoopbackNamespace.calicap) -i cl-live-nosuch 2>&1; echo \"status=$?\"")
        #expect(missing.contains("cl-live-nosuch: no such interface (interfaces: "))
        #expect(missing.contains("lo"))
        #expect(missing.contains("status=3"))
        let filter = try LoopbackNamespace.run("\(LoopbackNamespace.calicap) -i lo tcp port port 2>&1; echo \"status=$?\"")
        #expect(filter.contains("bad filter expression 'tcp port port'"))
        #expect(filter.contains("status=3"))
        let user = try LoopbackNamespace.run("\(LoopbackNamespace.calicap) -i lo -Z cl-live-nobody-here 2>&1; echo \"status=$?\"")
        #expect(user.contains("unknown user 'cl-live-nobody-here'"))
        #expect(user.contains("status=3"))
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") {
            // The binary may sit under a directory `nobody` cannot enter: run a copy.
            let scratch = TemporaryDirectory(prefix: "calicap-loopback")
            let copy = scratch.file("calicap")
            try FileManager.default.copyItem(atPath: LoopbackNamespace.calicap, toPath: copy)
            chmod(scratch.path, 0o755)
            let denied = try LoopbackNamespace.run(
                "setpriv --reuid=nobody --regid=nogroup --clear-groups \(copy) -i lo -c 1 2>&1; echo \"status=$?\"")
            #expect(denied.contains("no permission to capture"), "\(denied)")
            #expect(denied.contains("CAP_NET_RAW and CAP_NET_ADMIN"))
            #expect(denied.contains("status=3"))
        }
    }
}

enum LoopbackNamespace {
    static let unshare = ["/usr/bin/unshare", "/bin/unshare"].first { FileManager.default.isExecutableFile(atPath: $0) }

    static let isAvailable: Bool = getuid() == 0 && unshare != nil && FileManager.default.isExecutableFile(atPath: calicap)

    /// The calicap executable beside the test bundle.
    static var calicap: String { CalicapExecutable.path }

    /// Runs a bash script in a fresh network namespace whose loopback is up; what it printed
    /// (stdout, then stderr).
    static func run(_ script: String, timeout: Double = 20) throws -> String {
        let outcome = try ProcessRunner.run(
            unshare ?? "/usr/bin/unshare", ["--net", "/bin/bash", "-c", "ip link set lo up || exit 99\n" + script],
            timeout: timeout)
        return outcome.standardOutput + outcome.standardError
    }

    static func runCalicap(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let outcome = try ProcessRunner.calicap(arguments)
        return (outcome.status, outcome.standardOutput)
    }

    static func json(at path: String) throws -> [String: Any] {
        try JSONText.object(atPath: path)
    }
}
