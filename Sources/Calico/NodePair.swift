import Wire

/// Two nodes (or, where the nodes are unknown, two addresses), in address order: the key that
/// groups flows by the ends they run between, whichever way each flow goes.
public struct NodePair: Hashable, Sendable {
    public var lower: IPAddress
    public var upper: IPAddress

    /// The pair of `one` and `other`, whichever order they come in.
    public init(_ one: IPAddress, _ other: IPAddress) {
        lower = min(one, other)
        upper = max(one, other)
    }
}
