/// How many pod blocks (/26, /122) each kind of evidence proved; a block may count under several.
public struct PodNetworkEvidence: Sendable, Hashable {
    /// Blocks whose packets were routed between nodes: framed to (or from, one hop away) a node's
    /// MAC while ARP ties that MAC to another address.
    public var routedBetweenNodes = 0
    /// Inner addresses of Calico tunnels (IPIP, VXLAN).
    public var tunnelInner = 0
    /// Plain packets on tunnel devices (tunl0, vxlan.calico, wireguard.cali).
    public var tunnelDevice = 0
    /// Addresses behind workload veths (frames to or from ee:ee:ee:ee:ee:ee).
    public var workloadVeth = 0

    public init() {}

    /// Kind → blocks, in a fixed order, the kinds that proved something.
    public var counts: [(kind: String, blocks: Int)] {
        [("routedBetweenNodes", routedBetweenNodes), ("tunnelInner", tunnelInner), ("tunnelDevice", tunnelDevice),
            ("workloadVeth", workloadVeth)].filter { $0.1 > 0 }
    }
}
