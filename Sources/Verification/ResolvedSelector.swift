import Wire

/// A selector turned into what a flow's side is compared with.
enum ResolvedSelector: Sendable {
    case addresses(Set<IPAddress>)
    case network(IPNetwork)
    /// A node: its addresses (the node hosting a pod, or the node itself as an endpoint), and its
    /// name when pods can be placed on it through the resolver.
    case node(addresses: Set<IPAddress>, name: String?)

    static func resolve(
        _ selector: FlowSelector, resolver: any NameResolver, file: String, line: Int?
    ) throws(SelectorResolutionError) -> ResolvedSelector {
        func failure(_ reason: String) -> SelectorResolutionError {
            SelectorResolutionError(file: file, line: line, selector: selector.description, reason: reason)
        }
        switch selector {
        case .address(let address): return .addresses([address])
        case .network(let network): return .network(network)
        case .nodeAddress(let address): return .node(addresses: [address], name: nil)
        case .pod(let namespace, let name):
            guard let addresses = resolver.addresses(ofPod: name, namespace: namespace) else {
                throw failure("pod names need a pods file: \(resolver.missingContextAdvice); or select by address or CIDR")
            }
            guard !addresses.isEmpty else { throw failure("no such pod in the cluster files") }
            return .addresses(Set(addresses))
        case .node(let name):
            guard let addresses = resolver.addresses(ofNode: name) else {
                throw failure(
                    "node names need a nodes file: \(resolver.missingContextAdvice); or select the node by address (node:192.168.10.101)")
            }
            guard !addresses.isEmpty else { throw failure("no such node in the cluster files") }
            return .node(addresses: Set(addresses), name: name)
        }
    }

    /// Whether one side of a flow (its endpoint and the node hosting it) is selected.
    func matches(_ endpoint: ObservedEndpoint, node: IPAddress?, resolver: any NameResolver) -> Bool {
        switch self {
        case .addresses(let addresses): return addresses.contains(endpoint.address)
        case .network(let network): return network.contains(endpoint.address)
        case .node(let addresses, let name):
            if let node, addresses.contains(node) { return true }
            if addresses.contains(endpoint.address) { return true }
            if let name, let pod = resolver.pod(at: endpoint.address) { return pod.nodeName == name }
            return false
        }
    }
}
