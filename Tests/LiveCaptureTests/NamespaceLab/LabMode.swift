import Foundation

/// The Calico mode a lab runs in.
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
    /// Live only: `--pod ADDRESS`, the inner filter's short form.
    var pod: String? = nil
    var name: String { "\(backend.rawValue)-" + interfaces.joined(separator: "+") + (pod.map { "-pod-\($0)" } ?? "") }
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
