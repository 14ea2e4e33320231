/// The two pool settings an expectation can name.
public enum PoolField: String, Sendable, Hashable, CaseIterable {
    case ipipMode
    case vxlanMode
}
