/// Where a fragment lies in its datagram.
public enum FragmentPosition: Sendable, Hashable {
    /// Offset zero: the fragment carries the upper-layer header.
    case first
    /// A non-zero offset: upper-layer bytes only.
    case later
}
