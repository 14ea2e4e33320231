/// Which debug pods a run made. `kubectl debug node/NODE` names its pod
/// `node-debugger-NODE-XXXXX` (five random characters) and, with `-q`, says nothing (without it,
/// the name would go to stdout, into the capture): the pods in the debug namespace are listed
/// before the captures start and after they end, and the new ones with that name for one of
/// the captured nodes are this run's.
public enum DebugPodLedger {
    /// Pod names (`pod/NAME` as `kubectl get pods -o name` prints them, or bare) in `after` and
    /// not in `before` that are debug pods of `nodes`; sorted, without the `pod/` prefix.
    public static func madeByThisRun(before: [String], after: [String], nodes: Set<String>) -> [String] {
        let existing = Set(before.map(bareName))
        var made: [String] = []
        for entry in after {
            let name = bareName(entry)
            guard !existing.contains(name), let node = debuggedNode(name), nodes.contains(node) else { continue }
            made.append(name)
        }
        return Array(Set(made)).sorted()
    }

    /// The node a `node-debugger-NODE-XXXXX` pod was made for; nil for any other name.
    public static func debuggedNode(_ name: String) -> String? {
        let prefix = "node-debugger-"
        guard name.hasPrefix(prefix) else { return nil }
        let rest = name.dropFirst(prefix.count)
        guard rest.count > 6, let dash = rest.lastIndex(of: "-") else { return nil }
        let suffix = rest[rest.index(after: dash)...]
        guard suffix.count == 5, suffix.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber) }) else {
            return nil
        }
        let node = rest[..<dash]
        return node.isEmpty ? nil : String(node)
    }

    /// The lines of `kubectl get pods -o name`.
    public static func names(inListing listing: String) -> [String] {
        listing.split(whereSeparator: \.isNewline)
            .map { bareName(String($0.trimmingCharacters(in: " \t"))) }
            .filter { !$0.isEmpty }
    }

    static func bareName(_ entry: String) -> String {
        entry.hasPrefix("pod/") ? String(entry.dropFirst(4)) : entry
    }
}
