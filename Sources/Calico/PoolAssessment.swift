import Findings
import Flows
import Wire

/// The pool-level reading: Always, CrossSubnet or Never, with the evidence behind it.
public struct PoolAssessment: Sendable {
    public var behaviour: PoolBehaviour
    /// The encapsulation in use, when there is one: `ipip` or `vxlan`.
    public var encapsulation: CalicoMode?
    /// For CrossSubnet: the node subnet prefix lengths consistent with what was seen.
    public var subnetPrefixLengths: ClosedRange<Int>?
    public var nodePairs: [NodePairSummary]
    /// What the reading rests on and what it cannot tell.
    public var findings: [Finding]

    /// The findings' sentences, as the reports print them.
    public var notes: [String] { findings.map(\.detail) }

    /// The pool's `ipipMode` and `vxlanMode` as the inter-node pod flows show them; nil when the
    /// capture cannot tell.
    public var ipipMode: PoolEncapsulationMode?
    public var vxlanMode: PoolEncapsulationMode?
    /// When the capture cannot tell `behaviour` from a look-alike: every behaviour still
    /// possible (`behaviour` is the first). Empty when it can.
    public var possibleBehaviours: [PoolBehaviour] = []

    /// When the encapsulation changed during the capture: from, to, and the first flow of the new one.
    public var changes: [(from: CalicoMode, to: CalicoMode, at: Int64)]

    /// Judges from the inter-node pod-to-pod flows and their verdicts. When no pod was recognised
    /// and the pod networks were only assumed, flows between addresses not known to be hosts are
    /// judged instead: a pool outside the assumed ones must not hide the pool's behaviour.
    ///
    /// The flows judged are picked by their positions, never copied, so judging a million flows
    /// costs a few bytes each. `positions`: the flows of `flows` to judge (nil: all of them).
    public init(
        flows: [AnalyzedFlow], positions: [Int]? = nil, capturePoints: [CapturePoint], addresses: AddressPlan? = nil
    ) {
        let carriedPositions = (positions ?? Array(flows.indices)).filter {
            flows[$0].verdict.mode != .local && flows[$0].verdict.mode != .unknown
        }
        var interNodePositions = carriedPositions.filter { flows[$0].verdict.kind == .podToPod }
        // When nothing in the capture proved a pod address, "pods" are only those of an assumed
        // default pool: no pool verdict rests on that.
        let podsOnlyAssumed = addresses.map { !$0.explicit && $0.learnedBlocks.isEmpty } ?? false
        let assumedPodFlows = podsOnlyAssumed ? interNodePositions.count : 0
        if podsOnlyAssumed { interNodePositions = [] }
        var findings: [Finding] = []
        changes = Self.changes(in: flows, at: interNodePositions)
        findings += CarrierChangeFindings.findings(in: flows, at: interNodePositions)
        var pairs: [NodePair: NodePairSummary] = [:]
        for position in interNodePositions {
            let flow = flows[position]
            guard let client = flow.verdict.clientNode, let server = flow.verdict.serverNode, client != server else { continue }
            let key = NodePair(client, server)
            pairs[key, default: NodePairSummary(
                lower: key.lower, upper: key.upper, modes: [:],
                commonPrefixLength: Self.commonPrefixLength(key.lower, key.upper))].modes[flow.verdict.mode, default: 0] += 1
        }
        var sortedPairs = pairs.values.sorted { ($0.lower, $0.upper) < ($1.lower, $1.upper) }
        Self.judgeSubnets(&sortedPairs, addresses: addresses)
        nodePairs = sortedPairs
        var crossSubnetRange: ClosedRange<Int>? = nil
        let modes = Set(interNodePositions.map { flows[$0].verdict.mode })
        let encapsulations = modes.intersection([.ipip, .vxlan])
        encapsulation = encapsulations.count == 1 ? encapsulations.first : nil
        let onlyTunnelDevices = !capturePoints.isEmpty && capturePoints.allSatisfy {
            $0.role.isTunnelDevice
        }
        let behaviour: PoolBehaviour
        if interNodePositions.isEmpty && carriedPositions.contains(where: { flows[$0].verdict.mode == .wireguard }) {
            // Node-to-node WireGuard sessions: the pod flows inside are encrypted.
            behaviour = .wireguard
            findings.append(PoolFindings.note(.wireGuardBetweenNodes))
        } else if interNodePositions.isEmpty {
            behaviour = .unknown
            findings.append(assumedPodFlows > 0 ? PoolFindings.podsOnlyAssumed(flows: assumedPodFlows) : PoolFindings.note(.noInterNodePodFlow))
        } else if modes == [.wireguard] {
            behaviour = .wireguard
            findings.append(PoolFindings.note(.wireGuardHidesMode))
        } else if modes.contains(.mixed) || encapsulations.count > 1 {
            behaviour = .mixed
            findings.append(PoolFindings.note(.mixedEncapsulation))
        } else if modes == [.direct] {
            behaviour = .never
        } else if !modes.contains(.direct) {
            behaviour = .always
            if onlyTunnelDevices {
                findings.append(PoolFindings.note(.tunnelDeviceOnly))
            }
        } else {
            // Both direct and encapsulated pairs: CrossSubnet when, in each address family, some
            // prefix length puts every direct pair inside one subnet and every encapsulated pair
            // across subnets.
            var separable = true
            var decided = false
            for family in [true, false] {
                let pairs = nodePairs.filter { $0.lower.isIPv4 == family }
                let encapsulatedPrefixes = pairs.filter(\.isEncapsulated).map(\.commonPrefixLength)
                let directPrefixes = pairs.filter(\.isDirect).map(\.commonPrefixLength)
                guard let widest = encapsulatedPrefixes.max(), let narrowest = directPrefixes.min() else { continue }
                decided = true
                if widest < narrowest {
                    if crossSubnetRange == nil { crossSubnetRange = (widest + 1)...narrowest }
                } else {
                    separable = false
                }
            }
            if !separable {
                behaviour = .mixed
                crossSubnetRange = nil
                findings.append(PoolFindings.note(.noSubnetBoundary))
            } else {
                behaviour = .crossSubnet
                if !decided { findings.append(PoolFindings.note(.directPairNodesUnknown)) }
            }
        }
        self.findings = findings
        self.behaviour = behaviour
        self.subnetPrefixLengths = crossSubnetRange
        judgeCertainty(onlyTunnelDevices: onlyTunnelDevices)
        if !interNodePositions.isEmpty { self.findings.append(PoolFindings.basis(flows: interNodePositions.count, pairs: nodePairs, addresses: addresses)) }
    }

    /// Carrier changes over time: a node pair (or, where the nodes are unknown, an address pair)
    /// whose flows used one mode and, strictly later, another (e.g. an IPIP pool switched to
    /// VXLAN). Pairs that use two modes at once are not changes; CrossSubnet is per pair anyway.
    /// `positions`: the flows of `flows` to look at.
    static func changes(in flows: [AnalyzedFlow], at positions: [Int]) -> [(from: CalicoMode, to: CalicoMode, at: Int64)] {
        var spansByPair: [NodePair: [CalicoMode: (first: Int64, last: Int64)]] = [:]
        for position in positions {
            let flow = flows[position]
            let a = flow.verdict.clientNode ?? flow.record.client.address
            let b = flow.verdict.serverNode ?? flow.record.server.address
            let pair = NodePair(a, b)
            for carrier in flow.verdict.carriers where carrier.mode.flowMode != .unknown {
                let mode = carrier.mode.flowMode
                let span = spansByPair[pair]?[mode] ?? (carrier.firstSeen, carrier.lastSeen)
                spansByPair[pair, default: [:]][mode] = (min(span.first, carrier.firstSeen), max(span.last, carrier.lastSeen))
            }
        }
        var earliest: [String: (from: CalicoMode, to: CalicoMode, at: Int64)] = [:]
        for spans in spansByPair.values where spans.count >= 2 {
            let ordered = spans.sorted { $0.value.first < $1.value.first }
            for index in 1..<ordered.count where ordered[index - 1].value.last < ordered[index].value.first {
                let change = (from: ordered[index - 1].key, to: ordered[index].key, at: ordered[index].value.first)
                let name = "\(change.from.rawValue)>\(change.to.rawValue)"
                if let known = earliest[name], known.at <= change.at { continue }
                earliest[name] = change
            }
        }
        return earliest.values.sorted { $0.at < $1.at }
    }

    static func commonPrefixLength(_ a: IPAddress, _ b: IPAddress) -> Int {
        switch (a, b) {
        case (.v4(let x), .v4(let y)):
            return (x.rawValue ^ y.rawValue).leadingZeroBitCount
        case (.v6(let x), .v6(let y)):
            let high = (x.high ^ y.high).leadingZeroBitCount
            return high < 64 ? high : 64 + (x.low ^ y.low).leadingZeroBitCount
        default:
            return 0
        }
    }
}
