import Wire

/// Why no carrier can be expected for a node pair or a pod pair.
public enum CarrierExpectationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The pool is one Calico would reject (both modes enabled, or IPIP on IPv6).
    case invalidPool(name: String, PoolConfigurationProblem)
    /// CrossSubnet needs the local node's Calico address with its prefix, and the files lack it.
    case localSubnetUnknown(node: String, isIPv6: Bool)
    /// CrossSubnet needs the remote node's address, and the files lack it.
    case remoteAddressUnknown(node: String, isIPv6: Bool)
    /// No workload pod has this address in the files.
    case podUnknown(IPAddress)
    /// The pod's node is not named, or not described in the node files.
    case nodeUnknown(pod: String, node: String?)
    /// No pool holds this address.
    case poolUnknown(IPAddress)

    public var description: String {
        switch self {
        case .invalidPool(let name, let problem):
            "pool \(name) is invalid in Calico: \(problem)"
        case .localSubnetUnknown(let node, let isIPv6):
            "node \(node) has no projectcalico.org/\(isIPv6 ? "IPv6" : "IPv4")Address (address with prefix): "
                + "its subnet is unknown"
        case .remoteAddressUnknown(let node, let isIPv6):
            "node \(node) has no \(isIPv6 ? "IPv6" : "IPv4") address in the node files"
        case .podUnknown(let address):
            "no pod at \(address) in the pod files"
        case .nodeUnknown(let pod, let node):
            node.map { "pod \(pod) runs on node \($0), which the node files do not describe" }
                ?? "pod \(pod) is not scheduled on a node"
        case .poolUnknown(let address):
            "no IP pool holds \(address)"
        }
    }
}
