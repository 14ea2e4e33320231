import CalicapTestSupport
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// What the namespace lab needs from the machine, where its scripts and artifacts are, and the
/// clean-up of what an interrupted run left.
enum LabEnvironment {
    static let isRoot: Bool = getuid() == 0

    static let labDirectory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Lab")

    static var labScript: String { labDirectory.appendingPathComponent("lab.sh").path }

    /// The calicap executable beside the test bundle.
    static var calicap: String { CalicapExecutable.path }

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
            guard let help = try? ProcessRunner.calicap([subcommand, "--help"]), help.status == 0 else { continue }
            let text = help.standardOutput + help.standardError
            if text.contains("--interface") || text.contains("-i,") { return true }
        }
        return false
    }()

    /// Whether captures of `backend` can run here.
    static func offers(_ backend: CaptureBackend) -> Bool {
        switch backend {
        case .tcpdump: return hasTcpdump
        case .live: return liveCaptureAvailable
        }
    }

    /// Whether the lab `name` (`cl-lab-dir-<pid>`, `cl-clu-<pid>`) belongs to a test process still
    /// running: another suite side by side, or this one (whose other suites, such as the cluster
    /// command's lab test, may be writing there already when this clean-up first runs).
    static func ownerIsRunning(_ name: String) -> Bool {
        guard let owner = name.split(separator: "-").compactMap({ Int32($0) }).first else { return false }
        return owner == getpid() || kill(owner, 0) == 0
    }

    /// Removes what an earlier, interrupted run left: `cl-lab-*` namespaces, their processes,
    /// lab state and artifacts. Runs once per test process.
    static let cleanedStaleLabs: Void = {
        guard hasLabTools else { return }
        _ = try? ProcessRunner.run("/bin/bash", [labScript, "down-all", "cl-lab-"], timeout: 60)
        // Artifacts of runs still going (suites side by side, named by their process id) stay.
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: artifacts.path)) ?? []
        for entry in entries where !ownerIsRunning(entry) {
            try? FileManager.default.removeItem(at: artifacts.appendingPathComponent(entry))
        }
        try? FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
    }()
}
