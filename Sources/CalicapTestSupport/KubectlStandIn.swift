import Foundation

/// Tests/LiveCaptureTests/Lab/kubectl-standin.sh, the kubectl that `calicap cluster --kubectl`
/// is given in tests: its environment, and what it recorded (every call, the debug pods it made
/// and deleted).
public struct KubectlStandIn: Sendable {
    public static let script: String = Fixtures.repository
        .appendingPathComponent("Tests/LiveCaptureTests/Lab/kubectl-standin.sh").path

    /// Its state and log.
    public let state: String
    /// CALICAP_STANDIN_* variables (see the script's header).
    public var environment: [String: String]

    /// A fresh state folder inside `directory`.
    public init(directory: String, environment: [String: String]) {
        state = directory + "/standin-state"
        try? FileManager.default.removeItem(atPath: state)
        try? FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        self.environment = environment.merging(["CALICAP_STANDIN_STATE": state]) { $1 }
    }

    /// File mode over a lab fixture folder (`Fixtures/lab/FOLDER`): nodes from its
    /// `cluster/nodes.yaml`, each node's stream its `NODE-IFACE.pcap`.
    public static func files(_ folder: String, directory: String, extra: [String: String] = [:]) -> KubectlStandIn {
        KubectlStandIn(
            directory: directory,
            environment: [
                "CALICAP_STANDIN_PCAP_DIR": Fixtures.labFolder(folder),
                "CALICAP_STANDIN_NODES": Fixtures.lab(folder, "cluster/nodes.yaml"),
            ].merging(extra) { $1 })
    }

    /// The calls, one a line, then "created pod …" / "deleted pod …" as they happened.
    public var log: [String] {
        let text = (try? String(contentsOfFile: state + "/calls.log", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init)
    }

    /// The kubectl calls (without the program name).
    public var calls: [String] {
        log.filter { $0.hasPrefix("kubectl ") }.map { String($0.dropFirst("kubectl ".count)) }
    }

    /// Debug pods made, by name, with their node.
    public var createdPods: [String: String] {
        var pods: [String: String] = [:]
        for line in log where line.hasPrefix("created pod ") {
            let words = line.split(separator: " ")
            if words.count == 6 { pods[String(words[2])] = String(words[5]) }
        }
        return pods
    }

    public var deletedPods: Set<String> {
        Set(log.filter { $0.hasPrefix("deleted pod ") }.map { String($0.dropFirst("deleted pod ".count)) })
    }

    /// Pods the stand-in still holds.
    public var remainingPods: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: state + "/pods")) ?? []).sorted()
    }
}
