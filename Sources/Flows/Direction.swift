/// Which way a packet went relative to its flow key's canonical order.
public enum Direction: Sendable, Hashable {
    /// From `FlowKey.lower` to `FlowKey.upper`.
    case forward
    case reverse

    public var reversed: Direction { self == .forward ? .reverse : .forward }
}
