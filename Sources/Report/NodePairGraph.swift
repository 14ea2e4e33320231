import Analysis
import Calico
import Wire

/// The node pairs of a report as a graph: nodes (named where the files name them) grouped by
/// subnet, and one edge per node pair labelled with its modes and flow counts, marked when the
/// pair contradicts the pool configuration or has unanswered pod flows. Mermaid and DOT draw it.
struct NodePairGraph {
    struct Node {
        var identifier: String
        var label: String
        var group: Int
    }

    struct Edge {
        var from: String
        var to: String
        var label: String
        var alarming: Bool
    }

    var nodes: [Node] = []
    var groups: [String] = []
    var edges: [Edge] = []

    init(_ result: AnalysisResult) {
        var identifiers: [IPAddress: String] = [:]
        var groupOf: [IPAddress: Int] = [:]
        let pairs = result.pool.nodePairs
        // Subnets: nodes joined by a pair known to share a subnet are one group.
        let addresses = Array(Set(pairs.flatMap { [$0.lower, $0.upper] })).sorted()
        for address in addresses where groupOf[address] == nil {
            let group = groups.count
            groups.append("")
            var pending = [address]
            while let next = pending.popLast() {
                guard groupOf[next] == nil else { continue }
                groupOf[next] = group
                for pair in pairs where pair.sameSubnet == true && (pair.lower == next || pair.upper == next) {
                    pending.append(pair.lower == next ? pair.upper : pair.lower)
                }
            }
        }
        for (group, _) in groups.enumerated() {
            let members = addresses.filter { groupOf[$0] == group }
            groups[group] = members.count > 1 ? "subnet of " + members.map(\.description).joined(separator: ", ") : "subnet"
        }
        for (index, address) in addresses.enumerated() {
            let identifier = "n\(index)"
            identifiers[address] = identifier
            let name = result.cluster?.nodeName(at: address)
            nodes.append(Node(
                identifier: identifier, label: name.map { "\($0) (\(address))" } ?? address.description,
                group: groupOf[address] ?? 0))
        }
        let unansweredPairs = Set(result.flows.filter {
            $0.verdict.kind == .podToPod && !$0.record.answered && $0.record.packetsToServer > 0
        }.compactMap { flow -> [IPAddress]? in
            guard let client = flow.verdict.clientNode, let server = flow.verdict.serverNode else { return nil }
            return [min(client, server), max(client, server)]
        })
        for (index, pair) in pairs.enumerated() {
            guard let from = identifiers[pair.lower], let to = identifiers[pair.upper] else { continue }
            let modes = pair.modes.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value)" }
            let disagrees = result.cluster.map { $0.pairs.indices.contains(index) && $0.pairs[index].agrees == false } ?? false
            let unanswered = unansweredPairs.contains([pair.lower, pair.upper])
            var label = modes.joined(separator: ", ")
            if disagrees { label += " (contradicts the pool)" }
            if unanswered { label += " (unanswered flows)" }
            edges.append(Edge(from: from, to: to, label: label, alarming: disagrees || unanswered))
        }
    }
}
