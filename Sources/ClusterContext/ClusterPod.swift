import Wire

/// A pod as `kubectl get pods` describes it.
public struct ClusterPod: Hashable, Sendable, CustomStringConvertible {
    public let namespace: String
    public let name: String
    /// The pod's addresses (`status.podIPs`, or the table's IP column); empty while none is assigned.
    public let addresses: [IPAddress]
    /// The node it was scheduled on; nil when not scheduled (`<none>`).
    public let nodeName: String?
    /// `spec.hostNetwork` from a Pod resource; nil when the file does not say (the wide table).
    public let isHostNetwork: Bool?
    /// `status.phase`, or the table's STATUS column (`Running`, `Completed`, …).
    public let status: String?
    public let source: ClusterSource

    public init(
        namespace: String, name: String, addresses: [IPAddress], nodeName: String?,
        isHostNetwork: Bool?, status: String?, source: ClusterSource
    ) {
        self.namespace = namespace
        self.name = name
        self.addresses = addresses
        self.nodeName = nodeName
        self.isHostNetwork = isHostNetwork
        self.status = status
        self.source = source
    }

    /// `namespace/name`.
    public var qualifiedName: String { "\(namespace)/\(name)" }

    public var description: String { qualifiedName }
}
