import Calico
import Findings
import Wire

/// The capture read against the cluster's own files: names for addresses, the nodes and the
/// configured pools, and per node pair what Calico should have done and whether it did. Plain
/// values and lookup tables, so that reports need no file reader.
public struct ClusterReading: Sendable {
    /// Every node the files describe.
    public var nodes: [ClusterNodeSummary]
    /// The pools that hold the capture's inter-node pod flows (all enabled pools when none does).
    public var configuredPools: [ConfiguredPoolSummary]
    /// One per `summary.pool.nodePairs` entry, in the same order.
    public var pairs: [NodePairExpectation]
    /// False when some pair disagrees with the configuration; nil when no pair could be judged.
    public var agrees: Bool?
    /// Disagreements (with their flows) and what could not be evaluated.
    public var findings: [Finding]
    /// Pod address → `namespace/name` (not host-network pods).
    var podNames: [IPAddress: String] = [:]
    /// Pod address → the node the pods file places it on.
    var podNodeNames: [IPAddress: String] = [:]
    /// Node address (own, Calico, tunnel) → node name.
    var nodeNames: [IPAddress: String] = [:]
    /// VTEP MAC (given or Felix-derived) → node name.
    var vtepNodeNames: [MACAddress: String] = [:]

    /// `namespace/name` of the pod at an address (not host-network pods).
    public func podName(at address: IPAddress) -> String? {
        podNames[address]
    }

    /// The node an address belongs to: one of its own addresses, or a pod on it.
    public func nodeName(at address: IPAddress) -> String? {
        nodeNames[address] ?? podNodeNames[address]
    }

    /// The node whose VXLAN tunnel device has this MAC (as the files give it, or as Felix
    /// derives it from the node's name).
    public func nodeName(withVTEP mac: MACAddress) -> String? {
        vtepNodeNames[mac]
    }

    /// The node hosting one end of a flow: by the tunnel's or pod block's node address, else by
    /// the VTEP MAC on that side, else by the end's own address (a node, or a pod the files place).
    public func nodeName(ofEnd address: IPAddress, nodeAddress: IPAddress?, sideMACs: [MACAddress]) -> String? {
        if let nodeAddress, let name = nodeName(at: nodeAddress) { return name }
        for mac in sideMACs {
            if let name = nodeName(withVTEP: mac) { return name }
        }
        return nodeName(at: address)
    }
}
