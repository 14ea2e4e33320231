import Foundation
import Yams

/// Reads an expectations file (YAML, see `Schemas/expectations.schema.json`). Every problem is
/// reported with the file, the line and the reason; unknown keys are errors, so a misspelt
/// expectation never passes silently.
public enum ExpectationsLoader {
    public static func load(path: String) throws(ExpectationsError) -> Expectations {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file"
            throw ExpectationsError(file: path, line: nil, reason: reason)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ExpectationsError(file: path, line: nil, reason: "not UTF-8 text")
        }
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) throws(ExpectationsError) -> Expectations {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ExpectationsError(file: file, line: line(of: error), reason: "not valid YAML: \(problem(of: error))")
        } catch {
            throw ExpectationsError(file: file, line: nil, reason: "not valid YAML")
        }
        guard let root else { throw ExpectationsError(file: file, line: 1, reason: "the file is empty: nothing to verify") }
        let reader = YAMLNodeReader(file: file)
        var expectations = Expectations(file: file)
        for entry in try reader.mapping(root, "the file", allowed: ["pool", "flows", "require"]) {
            switch entry.key {
            case "pool": expectations.pool = try pool(entry.value, reader)
            case "flows":
                for item in try reader.sequence(entry.value, "flows") {
                    expectations.flows.append(try FlowExpectationReader.read(item, reader))
                }
            default: expectations.requirements = try requirements(entry.value, reader)
            }
        }
        if expectations.isEmpty {
            throw ExpectationsError(file: file, line: root.mark?.line ?? 1, reason: "no expectation: give pool, flows or require")
        }
        return expectations
    }

    static func pool(_ node: Node, _ reader: YAMLNodeReader) throws(ExpectationsError) -> PoolExpectation {
        var pool = PoolExpectation()
        let values = PoolModeSetting.allCases.map(\.rawValue)
        for entry in try reader.mapping(node, "pool", allowed: PoolField.allCases.map(\.rawValue)) {
            let value = PoolModeSetting(rawValue: try reader.choice(entry.value, entry.key, among: values))
            if entry.key == PoolField.ipipMode.rawValue {
                pool.ipipMode = value
                pool.ipipLine = entry.line
            } else {
                pool.vxlanMode = value
                pool.vxlanLine = entry.line
            }
        }
        return pool
    }

    static func requirements(_ node: Node, _ reader: YAMLNodeReader) throws(ExpectationsError) -> Requirements {
        var result = Requirements()
        let keys = ["minPodFlows", "unanswered", "forbidModes", "findings"]
        for entry in try reader.mapping(node, "require", allowed: keys) {
            switch entry.key {
            case "minPodFlows":
                result.minimumPodFlows = try reader.integer(entry.value, "minPodFlows", minimum: 1)
                result.minimumPodFlowsLine = entry.line
            case "unanswered":
                let text = try reader.string(entry.value, "unanswered")
                result.maximumUnanswered = text == "none" ? 0 : try reader.integer(entry.value, "unanswered (none or a number)", minimum: 0)
                result.unansweredLine = entry.line
            case "forbidModes":
                let modes = try reader.strings(entry.value, "forbidModes")
                for mode in modes where !FlowMode.isValid(mode) {
                    throw reader.error(entry.value, "forbidModes: '\(mode)' is not a mode (\(FlowMode.all.joined(separator: ", ")))")
                }
                result.forbiddenModes = modes
                result.forbiddenModesLine = entry.line
            default:
                for finding in try reader.mapping(entry.value, "findings", allowed: ["forbid"]) {
                    let patterns = try reader.strings(finding.value, "findings.forbid")
                    for pattern in patterns where !FindingPattern.isValid(pattern) {
                        throw reader.error(
                            finding.value,
                            "findings.forbid: '\(pattern)' is not a finding id (lower-case words joined by '-', '*' for any)")
                    }
                    result.forbiddenFindings = patterns
                    result.forbiddenFindingsLine = finding.line
                }
            }
        }
        return result
    }

    static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        case .duplicatedKeysInMapping(_, let context): context.mark.line
        default: nil
        }
    }

    static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
            .composer(let context, let problem, _, _):
            context.map { "\(problem) (\($0.text) from line \($0.mark.line))" } ?? problem
        case .duplicatedKeysInMapping(let duplicates, _): "duplicate keys \(duplicates.joined(separator: ", "))"
        default: "\(error)"
        }
    }
}
