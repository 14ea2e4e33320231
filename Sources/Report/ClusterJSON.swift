import Analysis
import ClusterContext

/// The JSON of what the cluster's files add: nodes, configured pools, per-pair expectations.
enum ClusterJSON {
    static func node(_ node: ClusterNode) -> JSONValue {
        let mac = node.vxlanTunnelMAC(forIPv6: false)
        return .object([
            ("name", .string(node.name)),
            ("addresses", .array(node.addresses.map { .string($0.description) })),
            ("subnet", node.calicoIPv4Address.map { .string($0.description) } ?? .null),
            ("subnetV6", node.calicoIPv6Address.map { .string($0.description) } ?? .null),
            ("ipipTunnelAddress", node.ipipTunnelAddress.map { .string($0.description) } ?? .null),
            ("vxlanTunnelAddress", node.vxlanTunnelIPv4Address.map { .string($0.description) } ?? .null),
            ("vxlanTunnelAddressV6", node.vxlanTunnelIPv6Address.map { .string($0.description) } ?? .null),
            ("vtepMAC", .string(mac.address.description)),
            ("vtepMACDerived", .bool(!mac.isGiven)),
            ("wireguard", .bool(node.wireGuardPublicKey != nil || node.wireGuardIPv6PublicKey != nil)),
        ])
    }

    static func pool(_ pool: ConfiguredPool) -> JSONValue {
        .object([
            ("name", .string(pool.name)),
            ("cidr", .string(pool.cidr.description)),
            ("ipipMode", .string(pool.ipipMode.rawValue)),
            ("vxlanMode", .string(pool.vxlanMode.rawValue)),
            ("source", .string(pool.source.description)),
            ("nodeSelector", .string(pool.nodeSelector)),
            ("disabled", .bool(pool.isDisabled)),
        ])
    }

    /// `summary.pool.configured`: the pool holding most of the capture's inter-node pod flows
    /// (the first of `configuredPools`), null when the files give none.
    static func configured(_ pools: [ConfiguredPool]) -> JSONValue {
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
