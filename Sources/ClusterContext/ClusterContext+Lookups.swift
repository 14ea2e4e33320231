import Wire

extension ClusterContext {
    public func node(named name: String) -> ClusterNode? {
        nodeIndexByName[name].map { nodes[$0] }
    }

    /// The node that has this address: an InternalIP, its Calico address, or a tunnel or WireGuard address.
    public func node(at address: IPAddress) -> ClusterNode? {
        nodeIndexByAddress[address].map { nodes[$0] }
    }

    /// The node whose VXLAN tunnel endpoint has this MAC (given in the files, or derived by Felix's rule).
    public func node(withTunnelMAC mac: MACAddress) -> ClusterNode? {
        nodeIndexByMAC[mac].map { nodes[$0] }
    }

    /// Every pod listed with this address, host-network pods included.
    public func pods(at address: IPAddress) -> [ClusterPod] {
        (podIndicesByAddress[address] ?? []).map { pods[$0] }
    }

    /// The workload pod at this address: host-network pods (which share their node's address) are
    /// left out, and a running pod is preferred to a finished one that once had the address.
    public func pod(at address: IPAddress) -> ClusterPod? {
        let workloads = pods(at: address).filter { !isHostNetwork($0) }
        return workloads.first { $0.status == "Running" } ?? workloads.first
    }

    /// Whether the pod uses its node's network: as its resource says, or, for a table row, when its
    /// address is an address of a node.
    public func isHostNetwork(_ pod: ClusterPod) -> Bool {
        if let known = pod.isHostNetwork { return known }
        return pod.addresses.contains { nodeIndexByAddress[$0] != nil }
    }

    /// The node that runs the workload pod at this address.
    public func node(hostingPodAt address: IPAddress) -> ClusterNode? {
        pod(at: address)?.nodeName.flatMap { node(named: $0) }
    }

    /// The pool an address belongs to: among the pools whose CIDR holds it, enabled pools first,
    /// then the most specific CIDR.
    public func pool(containing address: IPAddress) -> ConfiguredPool? {
        pools.filter { $0.cidr.contains(address) }
            .min { left, right in
                if left.isDisabled != right.isDisabled { return !left.isDisabled }
                return left.cidr.prefixLength > right.cidr.prefixLength
            }
    }

    /// Whether the pool's `nodeSelector` was evaluated: only `all()` is; any other selector is
    /// reported as not evaluated.
    public func isNodeSelectorEvaluated(for pool: ConfiguredPool) -> Bool {
        pool.isNodeSelectorEvaluated
    }

    /// The pools whose node selector was not evaluated.
    public var poolsWithUnevaluatedSelectors: [ConfiguredPool] {
        pools.filter { !$0.isNodeSelectorEvaluated }
    }

    /// What Felix should do with a packet from the pod at `source` to the pod at `destination`:
    /// the nodes come from the pods' NODE, the pool is the destination's.
    public func expectedCarrier(fromPodAt source: IPAddress, toPodAt destination: IPAddress)
        throws(CarrierExpectationError) -> ExpectedCarrier
    {
        try expectation(fromPodAt: source, toPodAt: destination).carrier
    }

    /// The expected carrier between two pods with its reason (see `expectedCarrier(fromPodAt:toPodAt:)`).
    public func expectation(fromPodAt source: IPAddress, toPodAt destination: IPAddress)
        throws(CarrierExpectationError) -> CarrierExpectation
    {
        guard let sourcePod = pod(at: source) else { throw .podUnknown(source) }
        guard let destinationPod = pod(at: destination) else { throw .podUnknown(destination) }
        guard let sourceNodeName = sourcePod.nodeName, let sourceNode = node(named: sourceNodeName) else {
            throw .nodeUnknown(pod: sourcePod.qualifiedName, node: sourcePod.nodeName)
        }
        guard let destinationNodeName = destinationPod.nodeName, let destinationNode = node(named: destinationNodeName)
        else {
            throw .nodeUnknown(pod: destinationPod.qualifiedName, node: destinationPod.nodeName)
        }
        guard let pool = pool(containing: destination) else { throw .poolUnknown(destination) }
        return try FelixRouteRule.expectation(from: sourceNode, to: destinationNode, pool: pool)
    }
}
