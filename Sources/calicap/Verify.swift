import ArgumentParser
import ClusterContext
import Foundation
import Verification

/// `calicap verify`: judge a capture against expectations, for CI (exit 0 pass, 1 fail).
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Judge captures against expectations (pass or fail, for CI).",
        discussion: """
            calicap verify --expect FILE [options] CAPTURE…, or live: calicap verify --expect FILE \
            -i eth0 --duration 30 (capture, then judge). Short forms: --expect-mode MODE, \
            --expect-pool ipipMode=CrossSubnet[,vxlanMode=Never], --min-pod-flows N, --no-unanswered.

            Exit status: 0 every expectation holds; 1 at least one fails; 2 usage error or an \
            invalid expectations file (file, line and reason on one line); 3 a capture cannot be \
            read or holds no pod traffic to judge.
            """)

    @OptionGroup var expectations: VerifyExpectationOptions
    @OptionGroup var input: VerifyInputOptions

    @Option(name: .long, help: "Report format: text, json, or github (workflow commands; with GITHUB_STEP_SUMMARY set, a Markdown summary is appended there).")
    var format: VerifyFormat = .text

    @Option(name: .customLong("junit"), help: ArgumentHelp("Also write a JUnit XML report (one testcase per expectation).", valueName: "file"))
    var junitPath: String?

    @Option(name: .customLong("markdown"), help: ArgumentHelp("Also append a Markdown summary to this file.", valueName: "file"))
    var markdownPath: String?

    @Option(name: [.customShort("i"), .customLong("interface")], help: ArgumentHelp("Capture live on this device first, then judge. Repeatable.", valueName: "iface"))
    var interfaces: [String] = []

    @Option(name: .customLong("duration"), help: ArgumentHelp("With -i: capture this many seconds.", valueName: "seconds"))
    var duration: Double?

    @Option(name: [.customShort("c"), .customLong("count")], help: ArgumentHelp("With -i: stop after this many packets.", valueName: "count"))
    var count: Int?

    @Option(name: [.customShort("w"), .customLong("write")], help: ArgumentHelp("With -i: keep the capture in this pcapng file.", valueName: "file"))
    var writePath: String?

    @Argument(help: ArgumentHelp("Capture files to judge.", valueName: "capture"))
    var captures: [String] = []

    var capturePaths: [String] { input.readPaths + captures }

    func validate() throws {
        if interfaces.isEmpty {
            guard !capturePaths.isEmpty else { throw ValidationError("no capture given: name capture files, or -i IFACE --duration N to capture live") }
            if duration != nil || count != nil || writePath != nil { throw ValidationError("--duration, -c and -w need -i IFACE") }
        } else {
            guard capturePaths.isEmpty else { throw ValidationError("give capture files or -i IFACE, not both") }
            if let duration, !(duration > 0) || !duration.isFinite { throw ValidationError("--duration must be a positive number of seconds") }
            if let count, count < 1 { throw ValidationError("-c must be at least 1") }
        }
        for path in expectations.clusterPaths where !FileManager.default.isReadableFile(atPath: path) {
            throw ValidationError("--cluster '\(path)': no such readable file")
        }
    }

    func run() throws {
        let loaded: Expectations
        do {
            loaded = try expectations.load()
        } catch {
            throw usage(error.description)
        }
        let cluster: ClusterContext?
        do {
            cluster = try expectations.loadCluster()
        } catch {
            throw usage(error.description)
        }
        let evaluator = Evaluator(resolver: expectations.resolver(cluster))
        do {
            try evaluator.checkSelectors(loaded)
        } catch {
            throw usage(error.description)
        }
        var paths = capturePaths
        var temporaryCapture: String?
        if !interfaces.isEmpty {
            var live = VerifyLiveCapture(interfaces: interfaces, duration: duration, count: count, filter: input.filter, keepPath: writePath)
            live.innerFilter = input.inner.expression
            switch live.run() {
            case .success(let capture):
                paths = [capture.path]
                if capture.temporary { temporaryCapture = capture.path }
            case .failure(.capture(let status)):
                throw ExitCode(status == ExitStatus.usage.rawValue ? status : ExitStatus.inputUnreadable.rawValue)
            case .failure(.cannotStart(let message)):
                StandardStreams.error(message)
                throw ExitCode(ExitStatus.inputUnreadable.rawValue)
            }
        }
        defer { if let temporaryCapture { VerifyLiveCapture.remove(temporaryCapture) } }
        var request = input.request(paths: paths)
        request.cluster = cluster
        // A live capture is already filtered, and its file names its devices.
        if temporaryCapture != nil || !interfaces.isEmpty {
            request.filter = nil
            request.innerFilter = nil
        }
        var observation: Observation
        switch VerificationAdapter.observe(request) {
        case .success(let observed):
            observation = observed
            if !interfaces.isEmpty {
                observation.sources = ["live capture on \(interfaces.joined(separator: " + "))" + (writePath.map { " (saved to \($0))" } ?? "")]
            }
        case .failure(let error):
            StandardStreams.error(error.message)
            throw ExitCode(ExitStatus.inputUnreadable.rawValue)
        }
        for warning in observation.warnings { StandardStreams.error("warning: " + warning) }
        guard observation.hasPodTraffic else {
            var message = "no pod traffic to judge in \(observation.sources.joined(separator: ", ")) "
                + "(\(observation.flows.count) flows, none with a pod)"
            if observation.pool.behaviour == "WireGuard" {
                message += "; WireGuard hides the pod flows on eth0: capture -i any or wireguard.cali as well"
            }
            StandardStreams.error(message)
            throw ExitCode(ExitStatus.inputUnreadable.rawValue)
        }
        let report: VerificationReport
        do {
            report = try evaluator.evaluate(loaded, against: observation)
        } catch {
            throw usage(error.description)
        }
        try VerifyOutput(format: format, junitPath: junitPath, markdownPath: markdownPath).write(report)
        if !report.passed { throw ExitCode(VerifyOutput.failedStatus) }
    }

    func usage(_ message: String) -> ExitCode {
        StandardStreams.error(message)
        return ExitCode(ExitStatus.usage.rawValue)
    }
}
