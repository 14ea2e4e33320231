/// A parsed YAML or JSON value, independent of the parser, with the line it started on when known.
struct DocumentValue: Sendable {
    enum Content: Sendable {
        case mapping([String: DocumentValue])
        case sequence([DocumentValue])
        case text(String)
        case null
    }

    let content: Content
    /// The 1-based line the value starts on; nil when the parser does not say.
    let line: Int?

    init(_ content: Content, line: Int? = nil) {
        self.content = content
        self.line = line
    }

    subscript(key: String) -> DocumentValue? {
        guard case .mapping(let entries) = content else { return nil }
        return entries[key]
    }

    /// The value at a dotted path (`spec.bgp.ipv4Address`); nil when any step is missing.
    func value(at path: String) -> DocumentValue? {
        var current: DocumentValue? = self
        for key in path.split(separator: ".") {
            current = current?[String(key)]
        }
        return current
    }

    /// The scalar text; nil for null, mappings and sequences.
    var text: String? {
        guard case .text(let string) = content else { return nil }
        return string
    }

    var isNull: Bool {
        if case .null = content { return true }
        return false
    }

    var isMapping: Bool {
        if case .mapping = content { return true }
        return false
    }

    /// The elements of a sequence; nil when this is not a sequence.
    var elements: [DocumentValue]? {
        guard case .sequence(let values) = content else { return nil }
        return values
    }

    /// The entries of a mapping; nil when this is not a mapping.
    var entries: [String: DocumentValue]? {
        guard case .mapping(let entries) = content else { return nil }
        return entries
    }

    /// A short rendering of the value for error messages.
    var summary: String {
        switch content {
        case .text(let string): "\"\(string)\""
        case .null: "null"
        case .mapping: "a mapping"
        case .sequence: "a list"
        }
    }
}
