import Wire

/// An IP pool as the cluster's files configure it, for `summary.pool.configured`.
public struct ConfiguredPoolSummary: Sendable, Hashable {
    public var name: String
    public var cidr: IPNetwork
    /// `Always`, `CrossSubnet` or `Never`, as Calico spells them.
    public var ipipMode: String
    public var vxlanMode: String
    /// The file and the kind of resource it came from (`ippools.yaml (calicoctl IPPool)`).
    public var source: String
    public var sourceFile: String
    public var nodeSelector: String
    public var disabled: Bool
}
