import Analysis

/// Paths into the repository's committed `Fixtures/` folder.
enum Fixtures {
    static let root: String = {
        var components = String(#filePath).split(separator: "/", omittingEmptySubsequences: false)
        components.removeLast(3)  // Tests/AnalysisTests/Fixtures.swift
        return components.joined(separator: "/") + "/Fixtures"
    }()

    static func lab(_ folder: String, _ file: String) -> String { "\(root)/lab/\(folder)/\(file)" }

    static let labFolders = ["crosssubnet", "direct", "direct-rkp", "ipip", "vxlan", "vxlan-crosssubnet"]
}
