import Calico
import Wire

/// The pod networks and what they rest on, for the table's `pod networks:` line and the JSON.
enum PodNetworkText {
    /// The networks to print: none inside another one listed (a learned block inside the pool).
    static func listed(_ addresses: AddressPlan) -> [IPNetwork] {
        let networks = addresses.podNetworks
        return networks.filter { network in
            !networks.contains { other in
                other != network && other.prefixLength < network.prefixLength && other.contains(network.address)
            }
        }
    }

    /// `3 routed between nodes, 2 inside tunnels`.
    static func evidence(_ evidence: PodNetworkEvidence) -> String {
        let words = [
            "routedBetweenNodes": "routed between nodes", "tunnelInner": "inside tunnels",
            "tunnelDevice": "on tunnel devices", "workloadVeth": "behind workload veths",
        ]
        return evidence.counts.map { "\($0.blocks) \(words[$0.kind] ?? $0.kind)" }.joined(separator: ", ")
    }

    static func blocks(_ count: Int) -> String { count == 1 ? "1 pod block" : "\(count) pod blocks" }

    /// The whole line after `pod networks: `.
    static func line(_ addresses: AddressPlan) -> String {
        let listed = listed(addresses).map(\.description).joined(separator: ", ")
        let learned = "\(blocks(addresses.learnedBlocks.count)) the packets prove: \(evidence(addresses.podEvidence))"
        let hint = addresses.isEvidenceThin ? "; set --pod-cidr to be exact" : ""
        switch addresses.source {
        case .given:
            return listed.isEmpty ? "none" : listed
        case .inferred:
            let pool = addresses.inferredPool.map(\.description) ?? listed
            let subject = pool == listed ? "" : "\(pool) "
            return "\(listed) (\(subject)inferred from \(learned)\(hint))"
        case .learned:
            return "\(listed) (\(learned), in no single private range\(hint))"
        case .learnedAndAssumed:
            let pool = addresses.assumedDefaultPool.map(\.description) ?? "?"
            return "\(listed) (\(learned); \(pool) assumed, Calico's default pool\(hint))"
        case .assumed:
            let pool = addresses.assumedDefaultPool.map(\.description) ?? "?"
            return "\(listed) (assumed: Calico's default pool \(pool); nothing in the capture proved a pod address\(hint))"
        case .none:
            return "none (nothing in the capture proved a pod address and no default pool fits\(hint))"
        }
    }
}

extension PodNetworkText {
    /// `summary.podNetworksInferred`: what the learned pod networks rest on; null when given.
    static func inference(_ addresses: AddressPlan) -> JSONValue {
        guard addresses.source != .given else { return .null }
        return .object([
            ("pool", addresses.inferredPool.map { .string($0.description) } ?? .null),
            ("range", addresses.inferredPool.flatMap { PrivateRange.range(of: $0.address) }.map { .string($0.description) } ?? .null),
            ("assumedDefaultPool", addresses.assumedDefaultPool.map { .string($0.description) } ?? .null),
            ("blocks", .array(addresses.learnedBlocks.map { .string($0.description) })),
            ("evidence", .object(addresses.podEvidence.counts.map { ($0.kind, JSONValue.int($0.blocks)) })),
            ("thin", .bool(addresses.isEvidenceThin)),
        ])
    }
}
