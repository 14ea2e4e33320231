import ClusterContext
import Foundation
import Wire

/// Paths of the committed fixtures, and small helpers shared by the suites.
enum ClusterFixtures {
    static let root: String = {
        var components = String(#filePath).split(separator: "/", omittingEmptySubsequences: false)
        components.removeLast(3)  // Tests/ClusterContextTests/ClusterFixtures.swift
        return components.joined(separator: "/") + "/Fixtures"
    }()

    /// The eight lab scenarios with cluster files (`Fixtures/lab/<scenario>/cluster/`).
    static let labScenarios = [
        "crosssubnet", "direct", "direct-rkp", "dualstack-vxlan-crosssubnet", "ipip", "vxlan",
        "vxlan-crosssubnet", "wireguard",
    ]

    /// The four files of every lab scenario.
    static let labFiles = ["nodes.yaml", "ippools.yaml", "installation.yaml", "pods-wide.txt"]

    static func lab(_ scenario: String, _ file: String) -> String { "\(root)/lab/\(scenario)/cluster/\(file)" }

    static func cluster(_ file: String) -> String { "\(root)/cluster/\(file)" }

    /// The merged context of all four files of a lab scenario.
    static func labContext(_ scenario: String) throws -> ClusterContext {
        try ClusterContextLoader.loadContext(paths: labFiles.map { lab(scenario, $0) })
    }

    static func address(_ text: String) -> IPAddress {
        guard let address = IPAddress(text) else { fatalError("bad test address \(text)") }
        return address
    }

    static func network(_ text: String) -> IPNetwork {
        guard let network = IPNetwork(text) else { fatalError("bad test network \(text)") }
        return network
    }
}
