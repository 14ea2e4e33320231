/// A pod as a cluster file names it.
public struct PodIdentity: Sendable, Hashable, CustomStringConvertible {
    public var namespace: String
    public var name: String
    /// The node it runs on, when known.
    public var nodeName: String?

    public init(namespace: String, name: String, nodeName: String? = nil) {
        self.namespace = namespace
        self.name = name
        self.nodeName = nodeName
    }

    public var description: String { "\(namespace)/\(name)" }
}
