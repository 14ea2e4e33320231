import Analysis
import Foundation

/// Paths into the repository's committed `Fixtures/` folder.
enum Fixtures {
    static let root: String = {
        var components = String(#filePath).split(separator: "/", omittingEmptySubsequences: false)
        components.removeLast(3)  // Tests/AnalysisTests/Fixtures.swift
        return components.joined(separator: "/") + "/Fixtures"
    }()

    static func lab(_ folder: String, _ file: String) -> String { "\(root)/lab/\(folder)/\(file)" }

    /// The capture files of a lab folder, by name.
    static func labCaptures(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "\(root)/lab/\(folder)")) ?? [])
            .filter { $0.hasSuffix(".pcap") }.sorted()
    }

    /// `dualstack-vxlan-crosssubnet` is not among them yet: its IPv6 neighbour discovery shows as
    /// flows, and v6 pods reached only directly are not learned as pods (see the golden outputs).
    static let labFolders = [
        "crosssubnet", "direct", "direct-rkp", "ipip", "vxlan", "vxlan-crosssubnet", "wireguard",
    ]
}
