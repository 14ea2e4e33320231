import Wire

/// Two nodes, in address order: the key that groups flows by the nodes at their ends.
struct NodePair: Hashable {
    var lower: IPAddress
    var upper: IPAddress

    /// The pair of `one` and `other`, whichever order they come in.
    init(_ one: IPAddress, _ other: IPAddress) {
        lower = min(one, other)
        upper = max(one, other)
    }
}
