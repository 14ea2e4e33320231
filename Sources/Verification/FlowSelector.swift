import Wire

/// Which side of a flow an expectation is about: a pod, an address, a network or a node.
public enum FlowSelector: Sendable, Hashable, CustomStringConvertible {
    /// `namespace/name`, or `name` in any namespace (needs a pods file).
    case pod(namespace: String?, name: String)
    case address(IPAddress)
    case network(IPNetwork)
    /// `node:NAME` (needs a nodes file).
    case node(String)
    /// `node:ADDRESS`: a node by its address, no file needed.
    case nodeAddress(IPAddress)

    /// Parses a selector as written in the expectations; nil with the reason when it is none.
    public static func parse(_ text: String) -> Result<FlowSelector, SelectorSyntaxError> {
        let trimmed = text.trimmingSpaces
        if trimmed.hasPrefix("node:") {
            let rest = String(trimmed.dropFirst("node:".count))
            if let address = IPAddress(rest) { return .success(.nodeAddress(address)) }
            if KubernetesName.isValid(rest) { return .success(.node(rest)) }
            return .failure(SelectorSyntaxError(text: text, reason: "'\(rest)' is neither a node name nor an address"))
        }
        if let address = IPAddress(trimmed) { return .success(.address(address)) }
        if let network = IPNetwork(trimmed) { return .success(.network(network)) }
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 2, KubernetesName.isValidNamespace(parts[0]), KubernetesName.isValid(parts[1]) {
            return .success(.pod(namespace: parts[0], name: parts[1]))
        }
        if parts.count == 1, KubernetesName.isValid(trimmed) {
            return .success(.pod(namespace: nil, name: trimmed))
        }
        return .failure(SelectorSyntaxError(
            text: text,
            reason: "not a selector: use a pod (namespace/name or name), an address, a CIDR, or node:NAME"))
    }

    /// Whether resolving it needs cluster files.
    public var needsNames: Bool {
        switch self {
        case .pod, .node: true
        case .address, .network, .nodeAddress: false
        }
    }

    public var description: String {
        switch self {
        case .pod(let namespace?, let name): "\(namespace)/\(name)"
        case .pod(nil, let name): name
        case .address(let address): "\(address)"
        case .network(let network): "\(network)"
        case .node(let name): "node:\(name)"
        case .nodeAddress(let address): "node:\(address)"
        }
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return String(text)
    }
}
