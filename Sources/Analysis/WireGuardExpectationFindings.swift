#if canImport(ClusterContext)
import Calico
import ClusterContext
import Findings
import Wire

/// `plaintext-where-wireguard-expected`: pod traffic between two nodes seen unencrypted (direct,
/// IPIP or VXLAN on the wire) although the cluster files say WireGuard is on for both (their
/// FelixConfiguration sets `wireguardEnabled`, or both publish a WireGuard public key).
enum WireGuardExpectationFindings {
    struct PairKey: Hashable, Comparable {
        var lower: String
        var upper: String
        static func < (lhs: PairKey, rhs: PairKey) -> Bool { (lhs.lower, lhs.upper) < (rhs.lower, rhs.upper) }
    }

    static let clearModes: Set<CarrierMode> = [.direct, .ipip, .vxlan]

    static func findings(context: ClusterContext, flows: [AnalyzedFlow]) -> [Finding] {
        var pairs: [PairKey: (flows: [AnalyzedFlow], modes: [String: Int], reasons: Set<String>)] = [:]
        for flow in flows where flow.verdict.kind == .podToPod && !flow.verdict.isCarriedByOtherOverlay {
            let modes = Set(flow.verdict.carriers.map(\.mode)).intersection(clearModes)
            guard !modes.isEmpty,
                let client = node(of: flow.record.client.address, nodeAddress: flow.verdict.clientNode, context: context),
                let server = node(of: flow.record.server.address, nodeAddress: flow.verdict.serverNode, context: context),
                client.name != server.name
            else { continue }
            let ipv6 = !flow.record.client.address.isIPv4
            guard let clientReason = context.wireGuardReason(forNode: client, ipv6: ipv6),
                let serverReason = context.wireGuardReason(forNode: server, ipv6: ipv6)
            else { continue }
            let key = PairKey(lower: min(client.name, server.name), upper: max(client.name, server.name))
            var entry = pairs[key] ?? ([], [:], [])
            entry.flows.append(flow)
            for mode in modes { entry.modes[mode.rawValue, default: 0] += 1 }
            entry.reasons.formUnion([clientReason, serverReason])
            pairs[key] = entry
        }
        return pairs.sorted { $0.key < $1.key }.map { key, entry in
            let count = entry.flows.count
            let modes = entry.modes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            return Finding(
                .plaintextWhereWireGuardExpected, severity: .error,
                title: "Pod traffic between nodes unencrypted where WireGuard is on",
                detail: "\(key.lower) <> \(key.upper): \(count) pod flow\(count == 1 ? "" : "s") seen unencrypted (\(modes)) "
                    + "although the cluster files turn WireGuard on for both nodes: \(entry.reasons.sorted().joined(separator: "; "))",
                flows: entry.flows.map { FlowReference($0.record) }, nodes: [key.lower, key.upper],
                evidence: [
                    EvidenceItem("observed", .texts(entry.modes.keys.sorted())),
                    EvidenceItem("expected", .text("wireguard")),
                    EvidenceItem("reasons", .texts(entry.reasons.sorted())),
                ])
        }
    }

    /// The node of a flow's end: by the tunnel's or pod block's node address, else the pods file.
    static func node(of address: IPAddress, nodeAddress: IPAddress?, context: ClusterContext) -> ClusterNode? {
        if let nodeAddress, let node = context.node(at: nodeAddress) { return node }
        return context.node(hostingPodAt: address)
    }
}
#endif
