/// What Calico's configuration implies for one node pair of `summary.pool.nodePairs`, each way,
/// and whether the capture agrees.
public struct NodePairExpectation: Sendable, Hashable {
    /// One direction: the carrier Felix's routes give packets from `from` to `to`, and why.
    public struct Direction: Sendable, Hashable {
        public var from: String
        public var to: String
        /// `ipip`, `vxlan`, `direct`, `wireguard` or `local`, as flows' modes are named.
        public var carrier: String
        public var reason: String
    }

    /// The nodes' names, when the files know them.
    public var lowerNode: String?
    public var upperNode: String?
    /// The pool whose configuration applies (the one holding most of the pair's pods).
    public var pool: String?
    /// Both directions; empty when the files cannot tell (a node or pool unknown).
    public var expected: [Direction]
    /// Whether every flow's mode is one the configuration implies; nil when nothing is expected.
    public var agrees: Bool?
    /// The mode of the pair's latest flows, when the pair changed carrier during the capture.
    public var latestMode: String?
    /// Why nothing could be expected, when nothing was.
    public var unknownBecause: String?
}
