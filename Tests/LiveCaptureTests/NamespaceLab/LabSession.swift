import CalicapTestSupport
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One run of a mode's lab: bring-up, every capture of the mode started on node a, one round of
/// traffic, SIGINT to every capture, their reports read; then the captures are killed if still
/// running and the lab is torn down, whatever happened.
struct LabSession {
    /// A capture's processes and, for tcpdump, the files they write.
    struct RunningCapture {
        var spec: CaptureSpec
        var commands: [BackgroundCommand]
        var files: [URL]
    }

    var mode: LabMode
    var prefix: String
    /// The namespace of the captured node.
    var node: String
    /// Captures, logs and reports of this run.
    var directory: URL

    init(mode: LabMode) {
        self.mode = mode
        prefix = LabRuns.prefix(for: mode)
        node = "\(prefix)-\(LabMode.capturedNode)"
        directory = LabEnvironment.artifacts.appendingPathComponent(prefix)
    }

    func perform() throws -> LabRun {
        _ = LabEnvironment.cleanedStaleLabs
        let started = Date()
        try? FileManager.default.removeItem(at: directory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let specs = LabScenario.captures(of: mode)
        return try LabRuns.withLab(mode, prefix: prefix) {
            let bringUp = Date().timeIntervalSince(started)
            var running: [RunningCapture] = []
            defer { for capture in running { for command in capture.commands { command.killIfRunning() } } }
            for spec in specs { running.append(try start(spec)) }
            // Ready when tcpdump says "listening on"; calicap is given up to 1.5 s to say something
            // like it (or nothing).
            var listening: [String: Bool] = [:]
            for capture in running {
                var all = true
                for command in capture.commands {
                    let marker = command.waitUntilListening(
                        markers: ["listening on", "capturing on", "listening"],
                        timeout: capture.spec.backend == .tcpdump ? 5 : 1.5)
                    all = all && marker
                }
                listening[capture.spec.name] = all
            }
            usleep(100_000)

            let trafficStart = Date()
            let manifest = try traffic()
            let trafficSeconds = Date().timeIntervalSince(trafficStart)
            // What a person does: Ctrl-C shortly after the traffic.
            usleep(500_000)
            for capture in running { for command in capture.commands { command.interrupt() } }

            var outcomes: [String: CaptureOutcome] = [:]
            for capture in running {
                outcomes[capture.spec.name] = finish(capture, listening: listening[capture.spec.name] ?? false)
            }
            let run = LabRun(mode: mode, prefix: prefix, manifest: manifest, outcomes: outcomes,
                             bringUpSeconds: bringUp, trafficSeconds: trafficSeconds,
                             totalSeconds: Date().timeIntervalSince(started))
            print(String(format: "NamespaceLab %@: up %.2f s, traffic %.2f s, whole run %.2f s; captures: %@",
                         mode.rawValue, bringUp, trafficSeconds, run.totalSeconds,
                         specs.map(\.name).joined(separator: ", ")))
            return run
        }
    }

    /// Starts the processes of one capture in the captured node's namespace.
    func start(_ spec: CaptureSpec) throws -> RunningCapture {
        switch spec.backend {
        case .tcpdump:
            var commands: [BackgroundCommand] = []
            var files: [URL] = []
            for interface in spec.interfaces {
                let file = directory.appendingPathComponent("\(spec.name)-\(interface).pcap")
                // Immediate mode: SIGINT right after the traffic loses nothing still in a
                // TPACKET_V3 block; a small snaplen keeps enough ring slots for the burst.
                commands.append(try BackgroundCommand(
                    LabEnvironment.ip,
                    ["netns", "exec", node, "tcpdump", "-i", interface, "-n", "-U", "--immediate-mode",
                     "-s", "2048", "-B", "8192", "-w", file.path],
                    outputFile: directory.appendingPathComponent("\(spec.name)-\(interface).out"),
                    errorFile: directory.appendingPathComponent("\(spec.name)-\(interface).err")))
                files.append(file)
            }
            return RunningCapture(spec: spec, commands: commands, files: files)
        case .live:
            let file = directory.appendingPathComponent("\(spec.name).pcapng")
            var arguments = ["netns", "exec", node, LabEnvironment.calicap]
            for interface in spec.interfaces { arguments += ["-i", interface] }
            arguments += ["--format", "json", "-w", file.path] + mode.podCIDRArguments
            if let pod = spec.pod { arguments += ["--pod", pod] }
            let command = try BackgroundCommand(
                LabEnvironment.ip, arguments,
                outputFile: directory.appendingPathComponent("\(spec.name).json"),
                errorFile: directory.appendingPathComponent("\(spec.name).err"))
            return RunningCapture(spec: spec, commands: [command], files: [file])
        }
    }

    /// One round of traffic (Lab/traffic.py through lab.sh); its manifest, kept with the artifacts.
    func traffic() throws -> LabManifest {
        let traffic = try LabRuns.lab(["traffic", prefix], timeout: 120)
        try Data(traffic.standardOutput.utf8).write(to: directory.appendingPathComponent("manifest.json"))
        do {
            return try JSONDecoder().decode(LabManifest.self, from: Data(traffic.standardOutput.utf8))
        } catch {
            throw LabFailure(description: "traffic manifest unreadable: \(error)\n\(traffic.standardError)")
        }
    }

    /// Waits for an interrupted capture to end and reads its report (and, live, its replay).
    func finish(_ capture: RunningCapture, listening: Bool) -> CaptureOutcome {
        var status: Int32 = 0
        var killed = false
        var seconds = 0.0
        var errors: [String] = []
        for command in capture.commands {
            let ending = command.wait(timeout: 15)
            if ending.status != 0 || ending.signalled { status = ending.status }
            killed = killed || ending.killed
            seconds = max(seconds, ending.secondsAfterInterrupt)
            errors.append(command.standardError)
        }
        var outcome = CaptureOutcome(
            spec: capture.spec, status: status, killed: killed, standardError: errors.joined(separator: "\n"),
            listening: listening, secondsToStop: seconds)
        switch capture.spec.backend {
        case .tcpdump:
            var arguments: [String] = []
            for file in capture.files { arguments += ["-r", file.path] }
            arguments += ["--format", "json"] + mode.podCIDRArguments
            (outcome.report, outcome.reportProblem) = analyse(
                arguments, save: directory.appendingPathComponent("\(capture.spec.name).json"))
        case .live:
            let text = capture.commands[0].standardOutput
            do {
                outcome.report = try Report.decode(text)
            } catch {
                outcome.reportProblem = "live calicap (status \(status)) printed no JSON report: \(error); "
                    + "stderr: \(outcome.standardError.prefix(600)); stdout: \(text.prefix(300))"
            }
            let file = capture.files[0]
            outcome.writtenFile = file
            if FileManager.default.fileExists(atPath: file.path) {
                (outcome.replay, outcome.replayProblem) = analyse(
                    ["-r", file.path, "--format", "json"] + mode.podCIDRArguments,
                    save: directory.appendingPathComponent("\(capture.spec.name)-replay.json"))
            } else {
                outcome.replayProblem = "calicap wrote no \(file.lastPathComponent)"
            }
        }
        return outcome
    }

    /// `calicap ARGUMENTS` (a file read), its stdout saved to `save`: the report, or the problem.
    func analyse(_ arguments: [String], save: URL) -> (Report?, String?) {
        do {
            let outcome = try ProcessRunner.calicap(arguments, timeout: 60)
            try? Data(outcome.standardOutput.utf8).write(to: save)
            guard outcome.status == 0 else {
                return (nil, "calicap \(arguments.joined(separator: " ")) exited \(outcome.status): \(outcome.standardError)")
            }
            return (try Report.decode(outcome.standardOutput), nil)
        } catch {
            return (nil, "calicap \(arguments.joined(separator: " ")): \(error)")
        }
    }
}
