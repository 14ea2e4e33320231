import Analysis

/// The JSON of what the cluster files add: nodes, configured pools, per-pair expectations.
enum ClusterJSON {
    static func node(_ node: ClusterNodeSummary) -> JSONValue {
        .object([
            ("name", .string(node.name)),
            ("addresses", .array(node.addresses.map { .string($0.description) })),
            ("subnet", node.subnet.map(JSONValue.string) ?? .null),
            ("subnetV6", node.subnetV6.map(JSONValue.string) ?? .null),
            ("ipipTunnelAddress", node.ipipTunnelAddress.map(JSONValue.string) ?? .null),
            ("vxlanTunnelAddress", node.vxlanTunnelAddress.map(JSONValue.string) ?? .null),
            ("vxlanTunnelAddressV6", node.vxlanTunnelAddressV6.map(JSONValue.string) ?? .null),
            ("vtepMAC", .string(node.vtepMAC.description)),
            ("vtepMACDerived", .bool(node.vtepMACDerived)),
            ("wireguard", .bool(node.wireGuard)),
        ])
    }

    static func pool(_ pool: ConfiguredPoolSummary) -> JSONValue {
        .object([
            ("name", .string(pool.name)),
            ("cidr", .string(pool.cidr.description)),
            ("ipipMode", .string(pool.ipipMode)),
            ("vxlanMode", .string(pool.vxlanMode)),
            ("source", .string(pool.source)),
            ("nodeSelector", .string(pool.nodeSelector)),
            ("disabled", .bool(pool.disabled)),
        ])
    }

    /// `summary.pool.configured`: the pool holding most of the capture's inter-node pod flows
    /// (the first of `configuredPools`), null when the files give none.
    static func configured(_ pools: [ConfiguredPoolSummary]) -> JSONValue {
        pools.first.map(pool) ?? .null
    }

    static func pairMembers(_ expectation: NodePairExpectation) -> [(String, JSONValue)] {
        var members: [(String, JSONValue)] = [
            ("names", .array([
                expectation.lowerNode.map(JSONValue.string) ?? .null, expectation.upperNode.map(JSONValue.string) ?? .null,
            ])),
            ("expected", .array(expectation.expected.map { direction in
                .object([
                    ("from", .string(direction.from)), ("to", .string(direction.to)),
                    ("carrier", .string(direction.carrier)), ("reason", .string(direction.reason)),
                ])
            })),
            ("agrees", expectation.agrees.map(JSONValue.bool) ?? .null),
        ]
        if let pool = expectation.pool { members.append(("pool", .string(pool))) }
        if let latest = expectation.latestMode { members.append(("latestMode", .string(latest))) }
        if let reason = expectation.unknownBecause { members.append(("unknownBecause", .string(reason))) }
        return members
    }
}
