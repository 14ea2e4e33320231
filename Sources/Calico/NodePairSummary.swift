import Wire

/// Pod-to-pod flows between two nodes, by mode.
public struct NodePairSummary: Sendable, Hashable {
    public var lower: IPAddress
    public var upper: IPAddress
    public var modes: [CalicoMode: Int]
    /// Leading bits the two node addresses share.
    public var commonPrefixLength: Int
    /// Whether the two nodes share a subnet: true when both were seen on one layer-2 segment;
    /// false when another pair was seen on one segment and this pair's addresses share fewer
    /// leading bits than it; nil when the capture does not say.
    public var sameSubnet: Bool? = nil

    public var flows: Int { modes.values.reduce(0, +) }

    public var isEncapsulated: Bool { modes.keys.contains { $0 == .ipip || $0 == .vxlan } }

    public var isDirect: Bool { modes[.direct] != nil }
}
