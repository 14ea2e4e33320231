/// Where a node, pool or pod was described: the file (as named by the caller) and the kind of
/// resource in it.
public struct ClusterSource: Hashable, Sendable, CustomStringConvertible {
    public let file: String
    public let kind: ClusterResourceKind

    public init(file: String, kind: ClusterResourceKind) {
        self.file = file
        self.kind = kind
    }

    public var description: String { "\(file) (\(kind))" }
}
