/// What one cluster file described: its nodes, pools and pods, before merging with other files.
public struct ClusterFile: Hashable, Sendable {
    /// The file as the caller named it.
    public let name: String
    public internal(set) var nodes: [ClusterNode] = []
    public internal(set) var pools: [ConfiguredPool] = []
    public internal(set) var pods: [ClusterPod] = []
    public internal(set) var felixConfigurations: [FelixSettings] = []
    /// The kinds of resource found, in order of first appearance.
    public internal(set) var kinds: [ClusterResourceKind] = []
    /// Things the file held that were passed over (resources of other kinds), one line each.
    public internal(set) var notes: [String] = []

    public init(name: String) {
        self.name = name
    }

    mutating func record(_ kind: ClusterResourceKind) {
        if !kinds.contains(kind) { kinds.append(kind) }
    }
}
