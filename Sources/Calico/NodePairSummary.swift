import Wire

/// Pod-to-pod flows between two nodes, by mode.
public struct NodePairSummary: Sendable, Hashable {
    public var lower: IPAddress
    public var upper: IPAddress
    public var modes: [CalicoMode: Int]
    /// Leading bits the two node addresses share.
    public var commonPrefixLength: Int
}
