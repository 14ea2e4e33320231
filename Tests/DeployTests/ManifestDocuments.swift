import Foundation
import Yams

/// The YAML documents of one file under `Deploy/`, parsed by Yams.
struct ManifestDocuments {
    let documents: [[String: Any]]

    init(file name: String) throws {
        let text = try String(contentsOf: PackageDirectory.url.appending(path: "Deploy/\(name)"), encoding: .utf8)
        var documents: [[String: Any]] = []
        for document in try Yams.load_all(yaml: text) {
            guard let dictionary = document as? [String: Any] else {
                throw ManifestError.notAMapping(name)
            }
            documents.append(dictionary)
        }
        self.documents = documents
    }

    func documents(kind: String) -> [[String: Any]] {
        documents.filter { $0["kind"] as? String == kind }
    }

    var kinds: [String] { documents.compactMap { $0["kind"] as? String } }
}

enum ManifestError: Error {
    case notAMapping(String)
}

enum PackageDirectory {
    /// The package root: this file is Tests/DeployTests/ManifestDocuments.swift.
    static let url: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}

/// `dictionary["a"]["b"]…` for nested YAML mappings.
func value(_ root: Any?, _ keys: String...) -> Any? {
    var current = root
    for key in keys {
        current = (current as? [String: Any])?[key]
    }
    return current
}
