import Foundation

/// Paths into the repository and its committed `Fixtures/` folder.
public enum Fixtures {
    /// The repository root, found from this file's real (symlink-free) location
    /// (`Sources/CalicapTestSupport/Fixtures.swift`).
    public static let repository: URL = {
        let here = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        return here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }()

    /// `Fixtures/`.
    public static let rootURL: URL = repository.appendingPathComponent("Fixtures")
    public static var root: String { rootURL.path }

    /// A path under `Fixtures/` (`relative` like "lab/ipip/w1-eth0.pcap").
    public static func path(_ relative: String) -> String { "\(root)/\(relative)" }

    /// Every capture file (`.pcap`, `.pcapng`) under `Fixtures/<folder>` (all of `Fixtures/` when
    /// empty), at any depth: paths relative to that folder, sorted.
    public static func captureFiles(under folder: String = "") -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: folder.isEmpty ? root : path(folder))
        var files: [String] = []
        while let next = enumerator?.nextObject() as? String {
            if next.hasSuffix(".pcap") || next.hasSuffix(".pcapng") { files.append(next) }
        }
        return files.sorted()
    }

    /// `Fixtures/capture-files/<name>`.
    public static func captureFile(_ name: String) -> String { path("capture-files/\(name)") }

    /// `Fixtures/lab/<folder>`.
    public static func labFolder(_ folder: String) -> String { path("lab/\(folder)") }

    /// `Fixtures/lab/<folder>/<file>`.
    public static func lab(_ folder: String, _ file: String) -> String { "\(labFolder(folder))/\(file)" }

    /// The capture files of a lab folder, by name.
    public static func labCaptures(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: labFolder(folder))) ?? [])
            .filter { $0.hasSuffix(".pcap") }.sorted()
    }

    /// The lab folders whose expectations the analysis tests check: every lab scenario (`dualstack-vxlan-crosssubnet` is read with its pool file: IPv6 has no
    /// default pool to assume).
    public static let labFolders = [
        "crosssubnet", "direct", "direct-rkp", "dualstack-vxlan-crosssubnet", "ipip", "vxlan", "vxlan-crosssubnet",
        "wireguard",
    ]

    /// The flows `Fixtures/lab/<folder>/expected.tsv` lists.
    public static func labExpectations(_ folder: String) -> [LabExpectation] {
        LabExpectation.load(folder: folder)
    }
}
