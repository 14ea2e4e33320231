import Analysis
import Calico
import Flows
import Wire

/// The table's unanswered flows, grouped by node pair (client's node > server's node) with
/// the subnet relation of the pair, instead of one line each: a hundred SYNs into a black hole
/// are one line with their count, protocols, modes, outcomes and where they were last seen.
struct UnansweredFlowGroups {
    struct Key: Hashable {
        var client: String
        var server: String
        /// "same subnet", "across subnets", "same node" or "" (unknown).
        var subnets: String
    }

    struct Group {
        var key: Key
        var flows = 0
        var protocols: [String: Int] = [:]
        var modes: [String: Int] = [:]
        var outcomes: [String: Int] = [:]
        var lastSeen: [String: Int] = [:]
    }

    private(set) var groups: [Group] = []
    private(set) var flows = 0

    init(_ result: AnalysisResult, names: ClusterReading?, captureNames: CaptureNames) {
        var byKey: [Key: Int] = [:]
        for flow in result.flows where !flow.record.answered {
            let key = Self.key(flow, pool: result.pool, names: names)
            let index: Int
            if let known = byKey[key] {
                index = known
            } else {
                index = groups.count
                byKey[key] = index
                groups.append(Group(key: key))
            }
            flows += 1
            groups[index].flows += 1
            groups[index].protocols[flow.record.key.protocolNumber.name, default: 0] += 1
            groups[index].modes[flow.verdict.mode.rawValue, default: 0] += 1
            groups[index].outcomes[TableReport.outcomeText(flow), default: 0] += 1
            let place = flow.record.observations.max { $0.firstSeen < $1.firstSeen }
                .flatMap { captureNames.name(ofPoint: $0.capturePoint) } ?? "?"
            groups[index].lastSeen[place, default: 0] += 1
        }
        groups.sort { ($1.flows, $0.key.client, $0.key.server) < ($0.flows, $1.key.client, $1.key.server) }
    }

    /// One end's node: the node hosting a pod end (from the tunnel or the pod's block), a host
    /// end itself, or `?`; named from the cluster's files when given.
    static func end(_ address: IPAddress, node: IPAddress?, isPod: Bool, names: ClusterReading?) -> String {
        let host = node ?? (isPod ? nil : address)
        guard let host else { return "?" }
        return names?.nodeName(at: host).map(TerminalText.safe) ?? host.description
    }

    static func key(_ flow: AnalyzedFlow, pool: PoolAssessment, names: ClusterReading?) -> Key {
        let verdict = flow.verdict
        let clientIsPod = verdict.kind == .podToPod || verdict.kind == .podToHost
        let serverIsPod = verdict.kind == .podToPod || verdict.kind == .hostToPod
        let client = end(flow.record.client.address, node: verdict.clientNode, isPod: clientIsPod, names: names)
        let server = end(flow.record.server.address, node: verdict.serverNode, isPod: serverIsPod, names: names)
        var subnets = ""
        let clientSubnet = subnet(of: verdict.clientNode, names: names)
        let serverSubnet = subnet(of: verdict.serverNode, names: names)
        if verdict.mode == .local {
            subnets = "same node"
        } else if let clientSubnet, let serverSubnet {
            // The cluster's files give each node's subnet: the pair of subnets itself.
            subnets = clientSubnet == serverSubnet
                ? "same subnet \(clientSubnet)" : "across subnets \(clientSubnet) > \(serverSubnet)"
        } else if let lower = verdict.clientNode, let upper = verdict.serverNode,
            let pair = pool.nodePairs.first(where: { Set([$0.lower, $0.upper]) == Set([lower, upper]) }),
            let same = pair.sameSubnet
        {
            subnets = same ? "same subnet" : "across subnets"
        }
        return Key(client: client, server: server, subnets: subnets)
    }

    /// A node's subnet from the cluster's files (its Calico address with prefix, as a network).
    static func subnet(of node: IPAddress?, names: ClusterReading?) -> IPNetwork? {
        guard let node, let summary = names?.nodes.first(where: { $0.addresses.contains(node) }) else { return nil }
        return (node.isIPv4 ? summary.subnet : summary.subnetV6).flatMap { IPNetwork($0) }
    }

    /// The section: a table of groups, then the flows per subnet relation.
    func render() -> String {
        guard flows > 0 else { return "" }
        var output = "\nUnanswered flows: \(flows), by node pair (each flow: --format json or csv)\n"
        var table = TextTable(header: ["NODES", "SUBNETS", "FLOWS", "PROTO", "MODE", "OUTCOME", "LAST SEEN AT"])
        for group in groups {
            table.append([
                "\(group.key.client) > \(group.key.server)", group.key.subnets.isEmpty ? "-" : group.key.subnets,
                String(group.flows), TableReport.list(group.protocols.map { ($0.key, $0.value) }),
                TableReport.list(group.modes.map { ($0.key, $0.value) }),
                TableReport.list(group.outcomes.map { ($0.key, $0.value) }),
                TableReport.list(group.lastSeen.map { (TerminalText.safe($0.key), $0.value) }),
            ])
        }
        output += table.render(indent: "  ")
        var relations: [String: (flows: Int, pairs: Int)] = [:]
        for group in groups where !group.key.subnets.isEmpty {
            relations[group.key.subnets, default: (0, 0)].flows += group.flows
            relations[group.key.subnets, default: (0, 0)].pairs += 1
        }
        if !relations.isEmpty {
            let parts = relations.sorted { $0.key < $1.key }.map { relation, counts in
                "\(relation) \(counts.flows) (\(counts.pairs) node pair\(counts.pairs == 1 ? "" : "s"))"
            }
            output += "  by subnets: \(parts.joined(separator: ", "))\n"
        }
        return output
    }
}
