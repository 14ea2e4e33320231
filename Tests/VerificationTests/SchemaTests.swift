import Foundation
import Testing
@testable import Verification

/// Schemas/expectations.schema.json stays in step with the loader, and every shipped
/// expectations file loads (or, for `invalid-*`, is refused) as its name says.
@Suite("Expectations schema and shipped files")
struct SchemaTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func schema() throws -> [String: Any] {
        let data = try Data(contentsOf: Self.repository.appendingPathComponent("Schemas/expectations.schema.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func properties(_ object: [String: Any]?, _ name: String) -> Set<String> {
        Set(((object?["properties"] as? [String: Any])?[name] as? [String: Any]).flatMap { ($0["properties"] as? [String: Any])?.keys }
            .map(Array.init) ?? [])
    }

    @Test("keys and enumerations match what the loader accepts")
    func inStep() throws {
        let schema = try schema()
        let definitions = try #require(schema["$defs"] as? [String: Any])
        #expect((definitions["mode"] as? [String: Any])?["enum"] as? [String] == FlowMode.all)
        #expect((definitions["poolMode"] as? [String: Any])?["enum"] as? [String] == PoolModeSetting.allCases.map(\.rawValue))
        #expect(Set((schema["properties"] as? [String: Any])?.keys.map { $0 } ?? []) == ["pool", "flows", "require"])
        #expect(properties(schema, "pool") == Set(PoolField.allCases.map(\.rawValue)))
        #expect(properties(schema, "require") == ["minPodFlows", "unanswered", "forbidModes", "findings"])
        let flows = (schema["properties"] as? [String: Any])?["flows"] as? [String: Any]
        let item = flows?["items"] as? [String: Any]
        #expect(Set((item?["properties"] as? [String: Any])?.keys.map { $0 } ?? []) == Set(FlowExpectationReader.keys))
    }

    @Test("every file in Fixtures/verify loads, except the invalid-* ones")
    func shippedFiles() throws {
        let folder = Self.repository.appendingPathComponent("Fixtures/verify")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(names.count >= 16)
        for name in names {
            let path = folder.appendingPathComponent(name).path
            if name.hasPrefix("invalid-") {
                #expect(throws: ExpectationsError.self, "\(name)") { try ExpectationsLoader.load(path: path) }
            } else {
                #expect(throws: Never.self, "\(name)") { try ExpectationsLoader.load(path: path) }
            }
        }
    }
}
