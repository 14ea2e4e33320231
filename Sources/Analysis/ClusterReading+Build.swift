#if canImport(ClusterContext)
import Calico
import ClusterContext
import Findings
import Flows
import Wire

extension ClusterReading {
    /// Reads the flows and the pool against the files: each node pair's expected carrier both
    /// ways by Felix's rule (the pool holding most of the pair's server pods), and whether the
    /// pair's flows used it. A pair that changed carrier during the capture agrees when its
    /// latest carrier is the expected one (the change is reported on its own).
    init(context: ClusterContext, flows: [AnalyzedFlow], pool: PoolAssessment) {
        nodes = context.nodes.map(Self.summary)
        for node in context.nodes {
            for address in node.addresses where nodeNames[address] == nil { nodeNames[address] = node.name }
            for forIPv6 in [false, true] {
                let mac = node.vxlanTunnelMAC(forIPv6: forIPv6).address
                if vtepNodeNames[mac] == nil { vtepNodeNames[mac] = node.name }
            }
        }
        for pod in context.pods {
            for address in pod.addresses {
                if let named = context.pod(at: address) { podNames[address] = named.qualifiedName }
                if pod.isHostNetwork != true, let node = pod.nodeName, podNodeNames[address] == nil {
                    podNodeNames[address] = node
                }
            }
        }
        var findings: [Finding] = []
        var used: [String: ConfiguredPool] = [:]
        var pairs: [NodePairExpectation] = []
        // Each pair's pod flows, grouped in one pass (in capture order), not filtered per pair.
        var flowsOfPair: [NodePair: [AnalyzedFlow]] = [:]
        for flow in flows where flow.verdict.kind == .podToPod {
            guard let client = flow.verdict.clientNode, let server = flow.verdict.serverNode, client != server else {
                continue
            }
            flowsOfPair[NodePair(client, server), default: []].append(flow)
        }
        for pair in pool.nodePairs {
            let pairFlows = pair.lower == pair.upper ? [] : flowsOfPair[NodePair(pair.lower, pair.upper)] ?? []
            let expectation = Self.expectation(
                for: pair, flows: pairFlows, context: context, changed: !pool.changes.isEmpty)
            if let name = expectation.pool, let configured = context.pools.first(where: { $0.name == name }) {
                used[name] = configured
            }
            if expectation.agrees == false {
                findings.append(Self.mismatch(expectation, pair: pair, flows: pairFlows))
            }
            pairs.append(expectation)
        }
        self.pairs = pairs
        let judged = pairs.compactMap(\.agrees)
        agrees = judged.isEmpty ? nil : !judged.contains(false)
        configuredPools = (used.isEmpty ? context.pools.filter { !$0.isDisabled } : used.values.sorted { $0.name < $1.name })
            .map(Self.summary)
        for configured in context.poolsWithUnevaluatedSelectors {
            findings.append(
                Finding(
                    .nodeSelectorNotEvaluated, severity: .info, title: "Node selector not evaluated",
                    detail: "pool \(configured.name) has nodeSelector \(configured.nodeSelector), which calicap does not evaluate: "
                        + "its expectations assume every node", evidence: [EvidenceItem("pool", .text(configured.name))]))
        }
        findings += WireGuardExpectationFindings.findings(context: context, flows: flows)
        self.findings = findings
    }

    static func summary(_ node: ClusterNode) -> ClusterNodeSummary {
        let mac = node.vxlanTunnelMAC(forIPv6: false)
        return ClusterNodeSummary(
            name: node.name, addresses: node.addresses, subnet: node.calicoIPv4Address?.description,
            subnetV6: node.calicoIPv6Address?.description, ipipTunnelAddress: node.ipipTunnelAddress?.description,
            vxlanTunnelAddress: node.vxlanTunnelIPv4Address?.description,
            vxlanTunnelAddressV6: node.vxlanTunnelIPv6Address?.description, vtepMAC: mac.address,
            vtepMACDerived: !mac.isGiven, wireGuard: node.wireGuardPublicKey != nil || node.wireGuardIPv6PublicKey != nil)
    }

    static func summary(_ pool: ConfiguredPool) -> ConfiguredPoolSummary {
        ConfiguredPoolSummary(
            name: pool.name, cidr: pool.cidr, ipipMode: pool.ipipMode.rawValue, vxlanMode: pool.vxlanMode.rawValue,
            source: pool.source.description, sourceFile: pool.source.file, nodeSelector: pool.nodeSelector,
            disabled: pool.isDisabled)
    }

    static func expectation(
        for pair: NodePairSummary, flows: [AnalyzedFlow], context: ClusterContext, changed: Bool
    ) -> NodePairExpectation {
        let lower = context.node(at: pair.lower)
        let upper = context.node(at: pair.upper)
        var result = NodePairExpectation(
            lowerNode: lower?.name, upperNode: upper?.name, pool: nil, expected: [], agrees: nil, latestMode: nil,
            unknownBecause: nil)
        guard let lower, let upper else {
            result.unknownBecause = "the node files do not name \(lower == nil ? pair.lower : pair.upper)"
            return result
        }
        var poolVotes: [String: (ConfiguredPool, Int)] = [:]
        for flow in flows {
            guard let configured = context.pool(containing: flow.record.server.address) else { continue }
            poolVotes[configured.name, default: (configured, 0)].1 += 1
        }
        guard let configured = poolVotes.values.max(by: { ($0.1, $1.0.name) < ($1.1, $0.0.name) })?.0 else {
            result.unknownBecause = "no pool file holds the pair's pod addresses"
            return result
        }
        result.pool = configured.name
        do {
            for (local, remote) in [(lower, upper), (upper, lower)] {
                let expectation = try FelixRouteRule.expectation(from: local, to: remote, pool: configured)
                result.expected.append(
                    NodePairExpectation.Direction(
                        from: local.name, to: remote.name, carrier: expectation.carrier.rawValue,
                        reason: expectation.description))
            }
        } catch {
            result.expected = []
            result.unknownBecause = error.description
            return result
        }
        let expectedModes = Set(result.expected.map(\.carrier))
        let observedModes = Set(pair.modes.keys.map(\.rawValue))
        if changed, let latest = Self.latestMode(flows) {
            result.latestMode = latest
            result.agrees = expectedModes.contains(latest)
        } else {
            // Each direction's carrier must be seen, and nothing else: a /32 node expects the
            // tunnel one way and direct the other, and direct alone does not agree.
            result.agrees = !observedModes.isEmpty && observedModes == expectedModes
        }
        return result
    }

    /// The mode of the carrier seen last among the flows.
    static func latestMode(_ flows: [AnalyzedFlow]) -> String? {
        flows.flatMap(\.verdict.carriers).filter { $0.mode.flowMode != .unknown }.max { $0.lastSeen < $1.lastSeen }?
            .mode.flowMode.rawValue
    }

    static func mismatch(_ expectation: NodePairExpectation, pair: NodePairSummary, flows: [AnalyzedFlow]) -> Finding {
        let lower = expectation.lowerNode ?? pair.lower.description
        let upper = expectation.upperNode ?? pair.upper.description
        let expected = Array(Set(expectation.expected.map(\.carrier))).sorted()
        let observed = pair.modes.keys.map(\.rawValue).sorted()
        let seen = expectation.latestMode.map { "\($0) at the end of the capture" } ?? observed.joined(separator: ", ")
        return Finding(
            .poolMismatch, severity: .error, title: "Carrier contradicts the pool configuration",
            detail: "\(lower) <> \(upper): pool \(expectation.pool ?? "?") implies \(expected.joined(separator: "/")), "
                + "the capture shows \(seen)",
            flows: flows.map { FlowReference($0.record) }, nodes: [lower, upper],
            evidence: [
                EvidenceItem("expected", .texts(expected)), EvidenceItem("observed", .texts(observed)),
                EvidenceItem("reasons", .texts(expectation.expected.map(\.reason))),
            ])
    }
}
#endif
