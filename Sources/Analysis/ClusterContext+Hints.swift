#if canImport(ClusterContext)
import ClusterContext
import Wire

extension ClusterContext {
    /// The enabled pools' CIDRs: the pod networks, when `--pod-cidr` does not name them.
    var enabledPoolNetworks: [IPNetwork] {
        pools.filter { !$0.isDisabled }.map(\.cidr)
    }

    /// Pod address → the address its node is reached at (of the pod's family), for every pod the
    /// files place on a known node and that does not use the host's network.
    var podNodeAddresses: [IPAddress: IPAddress] {
        var result: [IPAddress: IPAddress] = [:]
        for pod in pods where pod.isHostNetwork != true {
            guard let nodeName = pod.nodeName, let node = node(named: nodeName) else { continue }
            for address in pod.addresses where !node.addresses.contains(address) {
                if let nodeAddress = node.nodeAddress(forIPv6: !address.isIPv4) { result[address] = nodeAddress }
            }
        }
        return result
    }

    /// Node address → the node's network as Felix compares it (Calico address and prefix), for
    /// every address the node is reached at.
    var nodeNetworks: [IPAddress: IPNetwork] {
        var result: [IPAddress: IPNetwork] = [:]
        for node in nodes {
            for forIPv6 in [false, true] {
                guard let network = node.calicoAddress(forIPv6: forIPv6)?.network else { continue }
                for address in node.addresses where address.isIPv4 != forIPv6 { result[address] = network }
            }
        }
        return result
    }
}
#endif
