import Wire

/// How Felix routes pod traffic to another node (`felix/calc/l3_route_resolver.go`): the
/// destination pool's `ipipMode`/`vxlanMode`, with CrossSubnet deciding by the local node's subnet.
public enum FelixRouteRule {
    /// The carrier Felix's routes give a packet from a pod on `localNode` to a pod in `pool` on
    /// `remoteNode`:
    /// - the same node: `.local`;
    /// - both nodes publish a WireGuard key of the pool's family: `.wireGuard`, whatever the pool says;
    /// - `Always`: the tunnel (IPIP or VXLAN); `Never`/`Never`: `.direct`;
    /// - `CrossSubnet`: `.direct` when the local node's Calico address network (address and prefix)
    ///   contains the remote node's address, else the tunnel. A node registered with a host prefix
    ///   (/32, /128) contains no other node: CrossSubnet then acts as `Always`.
    ///
    /// Throws for a pool Calico would reject, and for CrossSubnet without the needed addresses.
    public static func expectedCarrier(from localNode: ClusterNode, to remoteNode: ClusterNode, pool: ConfiguredPool)
        throws(CarrierExpectationError) -> ExpectedCarrier
    {
        try expectation(from: localNode, to: remoteNode, pool: pool).carrier
    }

    /// The expected carrier with the reason for it (see `expectedCarrier(from:to:pool:)`).
    public static func expectation(from localNode: ClusterNode, to remoteNode: ClusterNode, pool: ConfiguredPool)
        throws(CarrierExpectationError) -> CarrierExpectation
    {
        func expect(_ carrier: ExpectedCarrier, _ reason: CarrierExpectation.Reason) -> CarrierExpectation {
            CarrierExpectation(
                carrier: carrier, reason: reason, localNode: localNode.name, remoteNode: remoteNode.name,
                pool: pool.name)
        }
        if localNode.name == remoteNode.name { return expect(.local, .sameNode) }
        if let problem = pool.configurationProblem {
            throw .invalidPool(name: pool.name, problem)
        }
        let isIPv6 = pool.isIPv6
        if localNode.wireGuardKey(forIPv6: isIPv6) != nil && remoteNode.wireGuardKey(forIPv6: isIPv6) != nil {
            return expect(.wireGuard, .wireGuard)
        }
        let tunnel: ExpectedCarrier
        let mode: EncapsulationMode
        if pool.ipipMode.isEnabled {
            (tunnel, mode) = (.ipip, pool.ipipMode)
        } else if pool.vxlanMode.isEnabled {
            (tunnel, mode) = (.vxlan, pool.vxlanMode)
        } else {
            return expect(.direct, .neverEncapsulated)
        }
        guard mode == .crossSubnet else { return expect(tunnel, .alwaysEncapsulated) }
        guard let localAddress = localNode.calicoAddress(forIPv6: isIPv6) else {
            throw .localSubnetUnknown(node: localNode.name, isIPv6: isIPv6)
        }
        guard let remoteAddress = remoteNode.nodeAddress(forIPv6: isIPv6) else {
            throw .remoteAddressUnknown(node: remoteNode.name, isIPv6: isIPv6)
        }
        let isSameSubnet = localAddress.network.contains(remoteAddress)
        return expect(
            isSameSubnet ? .direct : tunnel,
            .crossSubnet(localNetwork: localAddress.network, remoteAddress: remoteAddress, isSameSubnet: isSameSubnet))
    }

    /// Felix's `nodeInOurSubnet`: whether the local node's Calico address network of one family
    /// contains the remote node's address of that family.
    public static func isSameSubnet(local: ClusterNode, remote: ClusterNode, forIPv6: Bool)
        throws(CarrierExpectationError) -> Bool
    {
        guard let localAddress = local.calicoAddress(forIPv6: forIPv6) else {
            throw .localSubnetUnknown(node: local.name, isIPv6: forIPv6)
        }
        guard let remoteAddress = remote.nodeAddress(forIPv6: forIPv6) else {
            throw .remoteAddressUnknown(node: remote.name, isIPv6: forIPv6)
        }
        return localAddress.network.contains(remoteAddress)
    }
}
