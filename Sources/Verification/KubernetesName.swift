/// Kubernetes object names (RFC 1123 subdomains: lower-case letters, digits, '-' and '.').
enum KubernetesName {
    static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= 253 else { return false }
        func alphanumeric(_ byte: UInt8) -> Bool { (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x30 && byte <= 0x39) }
        guard let first = bytes.first, let last = bytes.last, alphanumeric(first), alphanumeric(last) else { return false }
        return bytes.allSatisfy { alphanumeric($0) || $0 == 0x2d || $0 == 0x2e }
            // Digits and dots only is a mistyped address, not a name.
            && !bytes.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2e }
    }

    /// Namespaces are RFC 1123 labels: no dots, at most 63 characters.
    static func isValidNamespace(_ text: String) -> Bool {
        isValid(text) && text.utf8.count <= 63 && !text.utf8.contains(0x2e)
    }
}
