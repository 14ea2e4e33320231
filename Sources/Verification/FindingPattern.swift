/// A finding id or a pattern with `*` (any run of characters): `mtu-*`, `pool-mismatch`.
public enum FindingPattern {
    public static func isValid(_ pattern: String) -> Bool {
        !pattern.isEmpty && pattern.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7a) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2d || $0 == 0x2a }
    }

    /// Whether `id` matches `pattern`.
    public static func matches(_ pattern: String, _ id: String) -> Bool {
        let parts = pattern.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        guard parts.count > 1 else { return pattern == id }
        var rest = Substring(id)
        guard rest.hasPrefix(parts[0]) else { return false }
        rest = rest.dropFirst(parts[0].count)
        for part in parts.dropFirst().dropLast() where !part.isEmpty {
            guard let range = rest.firstRange(of: part) else { return false }
            rest = rest[range.upperBound...]
        }
        let last = parts[parts.count - 1]
        return rest.count >= last.count && rest.hasSuffix(last)
    }
}
