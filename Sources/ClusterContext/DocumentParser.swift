import Foundation
import Yams

/// Turns YAML or JSON text into `DocumentValue`s, one per YAML document, with bounds that keep
/// hostile files (deep nesting, alias bombs) from exhausting the stack or memory.
enum DocumentParser {
    /// Deeper flow nesting or indentation than this is refused before the YAML parser sees it.
    static let nestingLimit = 512
    /// At most this many values are built, so that aliases cannot multiply a small file.
    static let valueLimit = 2_000_000

    /// Whether the text looks like JSON (its first non-blank character opens an object or array).
    static func looksLikeJSON(_ contents: String) -> Bool {
        guard let first = contents.unicodeScalars.first(where: { !" \t\r\n\u{FEFF}".unicodeScalars.contains($0) })
        else { return false }
        return first == "{" || first == "["
    }

    static func parse(_ contents: String, file: String) throws(ClusterFileError) -> [DocumentValue] {
        let format = looksLikeJSON(contents) ? "JSON" : "YAML"
        if let line = lineExceedingNesting(contents) {
            throw ClusterFileError(
                file: file, line: line,
                problem: .syntax(format: format, detail: "nested more than \(nestingLimit) levels deep"))
        }
        var nodes: [Node] = []
        do {
            // The sequence stops at a bad document and keeps the error instead of throwing it.
            var documents = try Yams.compose_all(yaml: contents)
            while let node = documents.next() {
                nodes.append(node)
            }
            if let error = documents.error { throw error }
        } catch {
            throw syntaxError(error, format: format, contents: contents, file: file)
        }
        var budget = valueLimit
        var documents: [DocumentValue] = []
        for node in nodes {
            guard let value = convert(node, budget: &budget) else {
                throw ClusterFileError(
                    file: file, line: node.mark?.line,
                    problem: .syntax(format: format, detail: "more than \(valueLimit) values, aliases included"))
            }
            documents.append(value)
        }
        return documents
    }

    /// The error of a document Yams refused, with its line; for JSON, Foundation's parser gets
    /// the last word, since its messages name JSON's own rules.
    private static func syntaxError(_ error: Error, format: String, contents: String, file: String)
        -> ClusterFileError
    {
        var line: Int?
        var detail = "syntax error"
        if let yamlError = error as? YamlError {
            switch yamlError {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
                .composer(_, let problem, let mark, _):
                line = mark.line
                detail = problem
            case .reader(let problem, let offset, _, _):
                detail = problem
                if let offset { line = lineNumber(ofUTF8Offset: offset, in: contents) }
            default:
                detail = "\(yamlError)"
            }
        }
        if format == "JSON" {
            do {
                _ = try JSONSerialization.jsonObject(with: Data(contents.utf8), options: [.fragmentsAllowed])
            } catch {
                // Darwin says "around line 4, column 30", Linux "around character 73" (a byte offset).
                let message = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? ""
                let jsonLine = firstNumber(after: "line ", in: message)
                    ?? firstNumber(after: "character ", in: message).map { lineNumber(ofUTF8Offset: $0, in: contents) }
                if let jsonLine {
                    line = jsonLine
                    let reason = message.components(separatedBy: " around ").first ?? message
                    detail = reason.prefix(1).lowercased() + reason.dropFirst()
                }
            }
        }
        let firstLine = detail.split(whereSeparator: \.isNewline).first.map(String.init) ?? detail
        return ClusterFileError(
            file: file, line: line,
            problem: .syntax(format: format, detail: ClusterFileError.printable(firstLine, limit: 120)))
    }

    private static func convert(_ node: Node, budget: inout Int) -> DocumentValue? {
        budget -= 1
        guard budget >= 0 else { return nil }
        let line = node.mark?.line
        switch node {
        case .scalar(let scalar):
            return DocumentValue(node.null != nil ? .null : .text(scalar.string), line: line)
        case .mapping(let mapping):
            var entries: [String: DocumentValue] = [:]
            for (key, value) in mapping {
                guard let keyText = key.scalar?.string, let converted = convert(value, budget: &budget) else {
                    if budget < 0 { return nil }
                    continue
                }
                entries[keyText] = converted
            }
            return DocumentValue(.mapping(entries), line: line)
        case .sequence(let sequence):
            var values: [DocumentValue] = []
            for element in sequence {
                guard let converted = convert(element, budget: &budget) else { return nil }
                values.append(converted)
            }
            return DocumentValue(.sequence(values), line: line)
        case .alias:
            return DocumentValue(.null, line: line)
        }
    }

    /// The first line whose flow nesting (`[`, `{`) or block indentation exceeds the limit.
    private static func lineExceedingNesting(_ contents: String) -> Int? {
        var depth = 0
        var line = 1
        var column = 0
        var indenting = true
        var quote: Unicode.Scalar?
        for scalar in contents.unicodeScalars {
            if scalar == "\n" {
                line += 1
                column = 0
                indenting = true
                quote = nil
                continue
            }
            if indenting {
                if scalar == " " || scalar == "-" || scalar == "\t" || scalar == "?" {
                    column += 1
                    if column > nestingLimit * 2 { return line }
                } else {
                    indenting = false
                }
            }
            if let open = quote {
                if scalar == open { quote = nil }
                continue
            }
            switch scalar {
            case "\"", "'": quote = scalar
            case "[", "{":
                depth += 1
                if depth > nestingLimit { return line }
            case "]", "}": depth = max(0, depth - 1)
            default: break
            }
        }
        return nil
    }

    private static func lineNumber(ofUTF8Offset offset: Int, in contents: String) -> Int {
        1 + contents.utf8.prefix(max(0, offset)).reduce(0) { $0 + ($1 == 0x0a ? 1 : 0) }
    }

    private static func firstNumber(after marker: String, in text: String) -> Int? {
        guard let range = text.range(of: marker) else { return nil }
        let digits = text[range.upperBound...].prefix { $0.isASCII && $0.isNumber }
        return Int(digits)
    }
}
