import Foundation
#if canImport(Glibc)
import Glibc
#endif

// Support for NamespaceLabTests: the lab scripts, processes in the background, calicap's JSON
// and the traffic manifest, and one cached lab run per mode.

// MARK: - Environment

enum LabEnvironment {
    static let isRoot: Bool = getuid() == 0

    static let repository: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let labDirectory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().appendingPathComponent("Lab")

    static var labScript: String { labDirectory.appendingPathComponent("lab.sh").path }

    /// The calicap executable beside the test bundle (as Tests/CLITests/CommandRunner.swift finds it).
    static let calicap: URL = {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [bundle.appendingPathComponent("calicap"), bundle.deletingLastPathComponent().appendingPathComponent("calicap")] {
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return repository.appendingPathComponent(".build/debug/calicap")
    }()

    /// Where each run's captures, logs and reports are kept (for a look after a failure);
    /// emptied when the suite starts.
    static let artifacts = URL(fileURLWithPath: "/tmp/calicap-lab-artifacts")
    /// lab.sh's state (topology, forwarder PID files), per lab prefix.
    static let labState = "/tmp/calicap-lab"

    static func which(_ tool: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/sbin:/usr/bin:/sbin:/bin"
        for directory in path.split(separator: ":").map(String.init) + ["/usr/sbin", "/sbin", "/usr/bin", "/bin"] {
            let candidate = "\(directory)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    static let hasLabTools: Bool = isRoot && which("ip") != nil && which("python3") != nil
        && FileManager.default.fileExists(atPath: "/dev/net/tun")
    static let hasTcpdump: Bool = which("tcpdump") != nil
    static let ip: String = which("ip") ?? "/usr/sbin/ip"

    /// Whether calicap captures live (`-i`). CALICAP_LAB_LIVE=1 forces the live tests on (to see
    /// how they fail before the feature lands), =0 off; otherwise `calicap capture --help` (or
    /// `calicap analyze --help`) offering `--interface` decides.
    static let liveCaptureAvailable: Bool = {
        switch ProcessInfo.processInfo.environment["CALICAP_LAB_LIVE"] {
        case "1": return true
        case "0": return false
        default: break
        }
        // The live options live in `calicap capture` (which `calicap -i` dispatches to), or in
        // `analyze` itself.
        for subcommand in ["capture", "analyze"] {
            guard let help = try? Shell.run(calicap.path, [subcommand, "--help"], timeout: 20), help.status == 0 else { continue }
            let text = help.standardOutput + help.standardError
            if text.contains("--interface") || text.contains("-i,") { return true }
        }
        return false
    }()

    /// Removes what an earlier, interrupted run left: `cl-lab-*` namespaces, their processes,
    /// lab state and artifacts. Runs once per test process.
    static let cleanedStaleLabs: Void = {
        guard hasLabTools else { return }
        _ = try? Shell.run("/bin/bash", [labScript, "down-all", "cl-lab-"], timeout: 60)
        try? FileManager.default.removeItem(at: artifacts)
        try? FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
    }()
}

// MARK: - Processes

/// Starts a process with no signal blocked. Test code runs on pool threads that block the
/// asynchronous signals, and a spawned child inherits that mask: a capture started from there
/// would never see the SIGINT that is meant to stop it.
func runWithCleanSignalMask(_ process: Process) throws {
    var empty = sigset_t()
    var previous = sigset_t()
    sigemptyset(&empty)
    pthread_sigmask(SIG_SETMASK, &empty, &previous)
    defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
    try process.run()
}

struct ShellOutcome: Sendable {
    var status: Int32
    var standardOutput: String
    var standardError: String
    var signalled: Bool
    var timedOut: Bool
    var seconds: Double
}

enum Shell {
    /// Runs a command to completion, reading both pipes concurrently.
    static func run(_ executable: String, _ arguments: [String], timeout: Double = 60,
                    environment: [String: String]? = nil) throws -> ShellOutcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        let start = Date()
        try runWithCleanSignalMask(process)
        nonisolated(unsafe) var outputData = Data()
        nonisolated(unsafe) var errorData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            outputData = output.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        group.enter()
        DispatchQueue.global().async {
            errorData = error.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(5_000) }
        let timedOut = process.isRunning
        if timedOut { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        group.wait()
        return ShellOutcome(
            status: process.terminationStatus,
            standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData, as: UTF8.self),
            signalled: process.terminationReason == .uncaughtSignal,
            timedOut: timedOut,
            seconds: Date().timeIntervalSince(start))
    }
}

/// A command left running in the background, its output going to files (a large report on a
/// pipe nobody reads yet would block it).
final class BackgroundCommand: @unchecked Sendable {
    let process = Process()
    let outputFile: URL
    let errorFile: URL
    let started = Date()

    init(_ executable: String, _ arguments: [String], outputFile: URL, errorFile: URL) throws {
        self.outputFile = outputFile
        self.errorFile = errorFile
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        process.standardInput = FileHandle.nullDevice
        try runWithCleanSignalMask(process)
    }

    var standardOutput: String { (try? String(contentsOf: outputFile, encoding: .utf8)) ?? "" }
    var standardError: String { (try? String(contentsOf: errorFile, encoding: .utf8)) ?? "" }
    var isRunning: Bool { process.isRunning }

    /// Waits until stderr says the capture is listening (tcpdump: "listening on"), the process
    /// ended, or the timeout passed. Returns whether the marker was seen.
    func waitUntilListening(markers: [String], timeout: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let text = standardError.lowercased()
            if markers.contains(where: { text.contains($0) }) { return true }
            if !process.isRunning { return false }
            usleep(10_000)
        }
        return false
    }

    func interrupt() {
        if process.isRunning { kill(process.processIdentifier, SIGINT) }
    }

    struct Ending: Sendable {
        var status: Int32
        var signalled: Bool
        /// It did not end by itself within the timeout after SIGINT and was killed.
        var killed: Bool
        var secondsAfterInterrupt: Double
    }

    func wait(timeout: Double) -> Ending {
        let start = Date()
        let deadline = start.addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(5_000) }
        let killed = process.isRunning
        if killed { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return Ending(status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
                      killed: killed, secondsAfterInterrupt: Date().timeIntervalSince(start))
    }
}

// MARK: - calicap's JSON (schemaVersion 1), the fields the lab checks

struct ReportEndpoint: Codable, Hashable, Sendable, CustomStringConvertible {
    var ip: String
    var port: Int?
    var description: String { port.map { "\(ip):\($0)" } ?? ip }
}

struct PacketCounts: Codable, Hashable, Sendable, CustomStringConvertible {
    var toServer: Int
    var toClient: Int
    var description: String { "\(toServer)/\(toClient)" }
}

struct ReportCarrier: Codable, Sendable {
    var mode: String
    var outerSource: String?
    var outerDestination: String?
    var vni: Int?
    var packets: Int?
}

struct ReportFlow: Codable, Sendable {
    var `protocol`: String
    var client: ReportEndpoint
    var server: ReportEndpoint
    var kind: String
    var mode: String
    var carriers: [ReportCarrier]
    var packets: PacketCounts
    var answered: Bool
    var notes: [String]?

    var key: FlowKey { FlowKey(protocol: self.protocol, client: client, server: server) }
}

struct ReportPool: Codable, Sendable {
    var behaviour: String?
    var encapsulation: String?
}

struct ReportSummary: Codable, Sendable {
    var packets: Int
    var flows: Int
    var pool: ReportPool?
    var duplicatePackets: Int?
    var warnings: [String]?
}

struct ReportCapturePoint: Codable, Sendable {
    var role: String?
    var device: String?
    var roleAssumed: Bool?
}

struct ReportCapture: Codable, Sendable {
    var source: String?
    var linkType: String?
    var interface: String?
    var interfaceAssumed: Bool?
    var packets: Int?
    var capturePoints: [ReportCapturePoint]?
}

struct Report: Codable, Sendable {
    var schemaVersion: Int
    var captures: [ReportCapture]?
    var summary: ReportSummary
    var flows: [ReportFlow]

    static func decode(_ text: String) throws -> Report {
        try JSONDecoder().decode(Report.self, from: Data(text.utf8))
    }

    func flow(_ key: FlowKey) -> ReportFlow? { flows.first { $0.key == key } }

    /// (mode, answered, client, server) of every flow, as the brief compares live and replay.
    var verdicts: Set<FlowVerdictLine> {
        Set(flows.map { FlowVerdictLine(protocol: $0.protocol, mode: $0.mode, answered: $0.answered,
                                        client: $0.client.description, server: $0.server.description) })
    }
}

struct FlowVerdictLine: Hashable, Sendable, CustomStringConvertible {
    var `protocol`: String
    var mode: String
    var answered: Bool
    var client: String
    var server: String
    var description: String { "\(self.protocol) \(client) > \(server) \(mode) answered=\(answered)" }
}

struct FlowKey: Hashable, Sendable, CustomStringConvertible {
    var `protocol`: String
    var client: ReportEndpoint
    var server: ReportEndpoint
    var description: String { "\(self.protocol) \(client) > \(server)" }
}

// MARK: - The traffic manifest (traffic.py)

struct LabOuter: Codable, Sendable {
    var source: String
    var destination: String
}

struct LabFlow: Codable, Sendable, CustomStringConvertible {
    var `protocol`: String
    var client: ReportEndpoint
    var server: ReportEndpoint
    var clientPod: String
    var serverPod: String
    var clientNode: String
    var serverNode: String
    var clientNodeIP: String
    var serverNodeIP: String
    var sameNode: Bool
    var crossSubnet: Bool
    var carrier: String
    var outer: LabOuter?
    var vni: Int?
    var answered: Bool

    var key: FlowKey { FlowKey(protocol: self.protocol, client: client, server: server) }
    func involves(node: String) -> Bool { clientNode == node || serverNode == node }
    var description: String { "\(key) (\(clientPod)→\(serverPod), \(carrier))" }
}

struct LabManifest: Codable, Sendable {
    var prefix: String
    var mode: String
    var flows: [LabFlow]
    var unanswered: Int
}

// MARK: - Lab modes and captures

enum LabMode: String, CaseIterable, Sendable, CustomStringConvertible {
    case direct, vxlan, ipip, crosssubnet

    var description: String { rawValue }

    /// The node whose interfaces are captured.
    static let capturedNode = "a"

    /// Tunnel device on the nodes, if the mode has one.
    var tunnelDevice: String? {
        switch self {
        case .direct: return nil
        case .vxlan: return "vxlan.calico"
        case .ipip, .crosssubnet: return "tunl0"
        }
    }

    /// Plain pod packets on an uplink do not tell calicap which addresses are pods (it learns
    /// blocks from tunnels and workload veths only), so modes with direct pod traffic name the
    /// pool. The tunnel modes run without it: calicap must learn 10.66.x.y by itself.
    var podCIDRArguments: [String] {
        switch self {
        case .direct, .crosssubnet: return ["--pod-cidr", "10.66.0.0/16"]
        case .vxlan, .ipip: return []
        }
    }

    var expectedPool: String {
        switch self {
        case .direct: return "Never"
        case .vxlan, .ipip: return "Always"
        case .crosssubnet: return "CrossSubnet"
        }
    }
}

enum CaptureBackend: String, Sendable {
    /// `tcpdump -i IF -w FILE` for each interface, then `calicap -r FILE… --format json`.
    case tcpdump
    /// `calicap -i IF [-i IF…] --format json -w FILE.pcapng`, then `calicap -r FILE.pcapng`.
    case live
}

struct CaptureSpec: Hashable, Sendable, CustomStringConvertible {
    var backend: CaptureBackend
    var interfaces: [String]
    var name: String { "\(backend.rawValue)-" + interfaces.joined(separator: "+") }
    var description: String { name }
}

struct CaptureOutcome: Sendable {
    var spec: CaptureSpec
    /// Exit status of the capturing process(es) after SIGINT (tcpdump: the last non-zero one).
    var status: Int32
    var killed: Bool
    var standardError: String
    var listening: Bool
    /// The report: live calicap's stdout, or `calicap -r` of tcpdump's files.
    var report: Report?
    var reportProblem: String?
    /// Live only: `calicap -r` of the `-w` file.
    var replay: Report?
    var replayProblem: String?
    var writtenFile: URL?
    var secondsToStop: Double
}

/// One lab bring-up with traffic, every capture of the mode running on node a at once.
struct LabRun: Sendable {
    var mode: LabMode
    var prefix: String
    var manifest: LabManifest
    var outcomes: [String: CaptureOutcome]
    var bringUpSeconds: Double
    var trafficSeconds: Double
    var totalSeconds: Double

    func outcome(_ backend: CaptureBackend, _ interfaces: String...) -> CaptureOutcome? {
        outcomes[CaptureSpec(backend: backend, interfaces: interfaces).name]
    }

    /// Cross-node flows with a pod on the captured node: what its uplink must show.
    var crossNodeFlowsOfCapturedNode: [LabFlow] {
        manifest.flows.filter { !$0.sameNode && $0.involves(node: LabMode.capturedNode) }
    }

    /// Same for a tunnel device: only the flows the mode sends through the tunnel.
    var tunnelledFlowsOfCapturedNode: [LabFlow] {
        crossNodeFlowsOfCapturedNode.filter { $0.carrier == "ipip" || $0.carrier == "vxlan" }
    }

    var sameNodeFlows: [LabFlow] { manifest.flows.filter(\.sameNode) }

    static func captures(for mode: LabMode, live: Bool, tcpdump: Bool) -> [CaptureSpec] {
        var sets: [[String]] = [["eth0"], ["any"]]
        if let tunnel = mode.tunnelDevice, mode != .crosssubnet { sets.append([tunnel]) }
        var specs: [CaptureSpec] = []
        if tcpdump { specs += sets.map { CaptureSpec(backend: .tcpdump, interfaces: $0) } }
        if mode == .ipip && tcpdump { specs.append(CaptureSpec(backend: .tcpdump, interfaces: ["eth0", "tunl0"])) }
        if live {
            specs += sets.map { CaptureSpec(backend: .live, interfaces: $0) }
            if mode == .ipip { specs.append(CaptureSpec(backend: .live, interfaces: ["eth0", "tunl0"])) }
        }
        return specs
    }
}

struct LabFailure: Error, CustomStringConvertible {
    var description: String
}

/// Runs each mode's lab once per test process and keeps the outcome for every test of that mode.
final class LabRuns: @unchecked Sendable {
    static let shared = LabRuns()
    private let lock = NSLock()
    private var runs: [LabMode: Result<LabRun, LabFailure>] = [:]

    func run(_ mode: LabMode) throws -> LabRun {
        lock.lock()
        defer { lock.unlock() }
        if let cached = runs[mode] { return try cached.get() }
        let result: Result<LabRun, LabFailure>
        do {
            result = .success(try LabRuns.perform(mode))
        } catch let failure as LabFailure {
            result = .failure(failure)
        } catch {
            result = .failure(LabFailure(description: "\(error)"))
        }
        runs[mode] = result
        return try result.get()
    }

    static func prefix(for mode: LabMode) -> String {
        let short: String
        switch mode {
        case .direct: short = "dir"
        case .vxlan: short = "vxl"
        case .ipip: short = "ipip"
        case .crosssubnet: short = "xsn"
        }
        return "cl-lab-\(short)-\(getpid())"
    }

    static func lab(_ arguments: [String], timeout: Double = 60) throws -> ShellOutcome {
        let outcome = try Shell.run("/bin/bash", [LabEnvironment.labScript] + arguments, timeout: timeout,
                                    environment: ["LAB_STATE_DIR": LabEnvironment.labState])
        if outcome.status != 0 || outcome.timedOut {
            throw LabFailure(description: "lab.sh \(arguments.joined(separator: " ")) failed (status \(outcome.status)"
                + "\(outcome.timedOut ? ", timed out" : "")): \(outcome.standardError)")
        }
        return outcome
    }

    static func perform(_ mode: LabMode) throws -> LabRun {
        _ = LabEnvironment.cleanedStaleLabs
        let started = Date()
        let prefix = prefix(for: mode)
        let node = "\(prefix)-\(LabMode.capturedNode)"
        let directory = LabEnvironment.artifacts.appendingPathComponent(prefix)
        try? FileManager.default.removeItem(at: directory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)

        _ = try lab(["up", mode.rawValue, prefix])
        defer { _ = try? lab(["down", prefix]) }
        let bringUp = Date().timeIntervalSince(started)

        let specs = LabRun.captures(for: mode, live: LabEnvironment.liveCaptureAvailable, tcpdump: LabEnvironment.hasTcpdump)
        let calicap = LabEnvironment.calicap.path
        // Each spec: its processes and, for tcpdump, the files they write.
        var running: [(spec: CaptureSpec, commands: [BackgroundCommand], files: [URL])] = []
        defer { for entry in running { for command in entry.commands where command.isRunning { kill(command.process.processIdentifier, SIGKILL) } } }
        for spec in specs {
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
                running.append((spec, commands, files))
            case .live:
                let file = directory.appendingPathComponent("\(spec.name).pcapng")
                var arguments = ["netns", "exec", node, calicap]
                for interface in spec.interfaces { arguments += ["-i", interface] }
                arguments += ["--format", "json", "-w", file.path] + mode.podCIDRArguments
                let command = try BackgroundCommand(
                    LabEnvironment.ip, arguments,
                    outputFile: directory.appendingPathComponent("\(spec.name).json"),
                    errorFile: directory.appendingPathComponent("\(spec.name).err"))
                running.append((spec, [command], [file]))
            }
        }
        // Ready when tcpdump says "listening on"; calicap is given up to 1.5 s to say something
        // like it (or nothing).
        var listening: [String: Bool] = [:]
        for entry in running {
            var all = true
            for command in entry.commands {
                let marker = command.waitUntilListening(
                    markers: ["listening on", "capturing on", "listening"],
                    timeout: entry.spec.backend == .tcpdump ? 5 : 1.5)
                all = all && marker
            }
            listening[entry.spec.name] = all
        }
        usleep(100_000)

        let trafficStart = Date()
        let traffic = try lab(["traffic", prefix], timeout: 120)
        let trafficSeconds = Date().timeIntervalSince(trafficStart)
        try Data(traffic.standardOutput.utf8).write(to: directory.appendingPathComponent("manifest.json"))
        let manifest: LabManifest
        do {
            manifest = try JSONDecoder().decode(LabManifest.self, from: Data(traffic.standardOutput.utf8))
        } catch {
            throw LabFailure(description: "traffic manifest unreadable: \(error)\n\(traffic.standardError)")
        }
        // What a person does: Ctrl-C shortly after the traffic.
        usleep(500_000)
        for entry in running { for command in entry.commands { command.interrupt() } }

        var outcomes: [String: CaptureOutcome] = [:]
        for entry in running {
            var status: Int32 = 0
            var killed = false
            var seconds = 0.0
            var errors: [String] = []
            for command in entry.commands {
                let ending = command.wait(timeout: 15)
                if ending.status != 0 || ending.signalled { status = ending.status }
                killed = killed || ending.killed
                seconds = max(seconds, ending.secondsAfterInterrupt)
                errors.append(command.standardError)
            }
            var outcome = CaptureOutcome(
                spec: entry.spec, status: status, killed: killed,
                standardError: errors.joined(separator: "\n"),
                listening: listening[entry.spec.name] ?? false, secondsToStop: seconds)
            switch entry.spec.backend {
            case .tcpdump:
                var arguments: [String] = []
                for file in entry.files { arguments += ["-r", file.path] }
                arguments += ["--format", "json"] + mode.podCIDRArguments
                (outcome.report, outcome.reportProblem) = analyse(calicap, arguments,
                    save: directory.appendingPathComponent("\(entry.spec.name).json"))
            case .live:
                let text = entry.commands[0].standardOutput
                do {
                    outcome.report = try Report.decode(text)
                } catch {
                    outcome.reportProblem = "live calicap (status \(status)) printed no JSON report: \(error); "
                        + "stderr: \(outcome.standardError.prefix(600)); stdout: \(text.prefix(300))"
                }
                let file = entry.files[0]
                outcome.writtenFile = file
                if FileManager.default.fileExists(atPath: file.path) {
                    (outcome.replay, outcome.replayProblem) = analyse(calicap,
                        ["-r", file.path, "--format", "json"] + mode.podCIDRArguments,
                        save: directory.appendingPathComponent("\(entry.spec.name)-replay.json"))
                } else {
                    outcome.replayProblem = "calicap wrote no \(file.lastPathComponent)"
                }
            }
            outcomes[entry.spec.name] = outcome
        }
        let run = LabRun(mode: mode, prefix: prefix, manifest: manifest, outcomes: outcomes,
                         bringUpSeconds: bringUp, trafficSeconds: trafficSeconds,
                         totalSeconds: Date().timeIntervalSince(started))
        print(String(format: "NamespaceLab %@: up %.2f s, traffic %.2f s, whole run %.2f s; captures: %@",
                     mode.rawValue, bringUp, trafficSeconds, run.totalSeconds,
                     specs.map(\.name).joined(separator: ", ")))
        return run
    }

    static func analyse(_ calicap: String, _ arguments: [String], save: URL) -> (Report?, String?) {
        do {
            let outcome = try Shell.run(calicap, arguments, timeout: 60)
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
