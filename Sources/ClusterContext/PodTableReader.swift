import Wire

/// Reads the text table of `kubectl get pods -o wide`, with `-A` (a NAMESPACE column) or without
/// (every pod is then in `default`).
enum PodTableReader {
    /// Column titles of two words; every other title is one word.
    static let twoWordTitles = ["NOMINATED NODE", "READINESS GATES"]

    /// Whether the text starts like a kubectl table: its first non-blank line starts with NAME or NAMESPACE.
    static func looksLikeTable(_ contents: String) -> Bool {
        guard let header = contents.split(whereSeparator: \.isNewline).first(where: { !$0.trimmingSpaces().isEmpty })
        else { return false }
        let first = header.split(whereSeparator: { $0 == " " || $0 == "\t" }).first
        return first == "NAME" || first == "NAMESPACE"
    }

    static func read(_ contents: String, file: String) throws(ClusterFileError) -> ClusterFile {
        let lines = contents.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        guard let headerIndex = lines.firstIndex(where: { !$0.trimmingSpaces().isEmpty }) else {
            throw ClusterFileError(file: file, problem: .empty)
        }
        let titles = columnTitles(lines[headerIndex])
        let headerLine = headerIndex + 1
        guard let nameColumn = titles.firstIndex(of: "NAME"), let ipColumn = titles.firstIndex(of: "IP"),
            let nodeColumn = titles.firstIndex(of: "NODE")
        else {
            throw ClusterFileError(
                file: file, line: headerLine,
                problem: .unrecognised(found: "a kubectl table without the NAME, IP and NODE columns of -o wide"))
        }
        let namespaceColumn = titles.firstIndex(of: "NAMESPACE")
        let statusColumn = titles.firstIndex(of: "STATUS")
        let source = ClusterSource(file: file, kind: .podTable)
        var result = ClusterFile(name: file)
        result.record(.podTable)
        for (offset, line) in lines.enumerated() where offset > headerIndex {
            let lineNumber = offset + 1
            guard !line.trimmingSpaces().isEmpty, columnTitles(line) != titles else { continue }
            let cells = try self.cells(of: line, titles: titles, file: file, line: lineNumber)
            let ipText = cells[ipColumn]
            var addresses: [IPAddress] = []
            if ipText != "<none>" && !ipText.isEmpty {
                guard let address = IPAddress(ipText) else {
                    throw ClusterFileError(
                        file: file, line: lineNumber,
                        problem: .invalidValue(
                            field: "pod \(ClusterFileError.printable(cells[nameColumn], limit: 80)) IP",
                            found: "\"\(ClusterFileError.printable(ipText, limit: 80))\"",
                            expected: "an IP address or <none>"))
                }
                addresses.append(address)
            }
            let node = cells[nodeColumn]
            result.pods.append(
                ClusterPod(
                    namespace: namespaceColumn.map { cells[$0] } ?? "default",
                    name: cells[nameColumn],
                    addresses: addresses,
                    nodeName: node == "<none>" || node.isEmpty ? nil : node,
                    isHostNetwork: nil,
                    status: statusColumn.map { cells[$0] },
                    source: source))
        }
        return result
    }

    /// The titles of a header line, two-word titles joined.
    static func columnTitles(_ line: Substring) -> [String] {
        var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        for title in twoWordTitles {
            let parts = title.split(separator: " ").map(String.init)
            let starts = words.indices.dropLast()
            if let index = starts.first(where: { words[$0] == parts[0] && words[$0 + 1] == parts[1] }) {
                words.replaceSubrange(index...index + 1, with: [title])
            }
        }
        return words
    }

    /// The cells of a row, one per title. Only RESTARTS may hold spaces (`2 (3h ago)`): the
    /// columns before it are taken from the left, those after it from the right.
    private static func cells(of line: Substring, titles: [String], file: String, line lineNumber: Int)
        throws(ClusterFileError) -> [String]
    {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        let tooFew = ClusterFileError(
            file: file, line: lineNumber,
            problem: .invalidValue(
                field: "the row", found: "\(words.count) cells",
                expected: "\(titles.count) cells, one per column of the header"))
        guard let restarts = titles.firstIndex(of: "RESTARTS") else {
            guard words.count == titles.count else { throw tooFew }
            return words
        }
        let after = titles.count - restarts - 1
        guard words.count >= titles.count else { throw tooFew }
        let middle = words[restarts..<(words.count - after)].joined(separator: " ")
        return Array(words.prefix(restarts)) + [middle] + Array(words.suffix(after))
    }
}
