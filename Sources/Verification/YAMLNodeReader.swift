import Yams

/// Typed reads of a composed YAML node, each failing with the node's line and a reason.
struct YAMLNodeReader {
    let file: String

    func error(_ node: Node?, _ reason: String) -> ExpectationsError {
        ExpectationsError(file: file, line: node?.mark?.line, reason: reason)
    }

    func mapping(_ node: Node, _ name: String, allowed keys: [String]) throws(ExpectationsError) -> [(key: String, value: Node, line: Int?)] {
        guard case .mapping(let mapping) = node else {
            throw error(node, "'\(name)' must be a mapping (key: value)")
        }
        var result: [(key: String, value: Node, line: Int?)] = []
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else { throw error(key, "a key in '\(name)' must be a plain word") }
            guard keys.contains(scalar.string) else {
                throw error(key, "unknown key '\(scalar.string)' in '\(name)' (expected one of: \(keys.joined(separator: ", ")))")
            }
            guard !result.contains(where: { $0.key == scalar.string }) else {
                throw error(key, "'\(scalar.string)' appears twice in '\(name)'")
            }
            result.append((scalar.string, value, key.mark?.line))
        }
        return result
    }

    func sequence(_ node: Node, _ name: String) throws(ExpectationsError) -> [Node] {
        if case .sequence(let sequence) = node { return Array(sequence) }
        throw error(node, "'\(name)' must be a list")
    }

    func string(_ node: Node, _ name: String) throws(ExpectationsError) -> String {
        guard case .scalar(let scalar) = node, !scalar.string.isEmpty else {
            throw error(node, "'\(name)' must be a single value")
        }
        return scalar.string
    }

    func integer(_ node: Node, _ name: String, minimum: Int) throws(ExpectationsError) -> Int {
        let text = try string(node, name)
        guard let value = Int(text), value >= minimum else {
            throw error(node, "'\(name)' must be a whole number of at least \(minimum), not '\(text)'")
        }
        return value
    }

    func boolean(_ node: Node, _ name: String) throws(ExpectationsError) -> Bool {
        let text = try string(node, name)
        switch text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: throw error(node, "'\(name)' must be true or false, not '\(text)'")
        }
    }

    func strings(_ node: Node, _ name: String) throws(ExpectationsError) -> [String] {
        var result: [String] = []
        for item in try sequence(node, name) { result.append(try string(item, name)) }
        return result
    }

    func choice(_ node: Node, _ name: String, among values: [String]) throws(ExpectationsError) -> String {
        let text = try string(node, name)
        guard values.contains(text) else {
            throw error(node, "'\(name)' must be one of \(values.joined(separator: ", ")), not '\(text)'")
        }
        return text
    }
}
