import Analysis

/// What `calicap cluster` was asked to do, as plain values.
public struct ClusterCaptureSettings: Sendable {
    public var kubectl: KubectlInvocation
    /// The nodes to capture on, in order.
    public var nodes: [String]
    /// Interfaces captured on every node (one debug pod each).
    public var interfaces: [String]
    /// The debug pod's image: it needs tcpdump and sh.
    public var image: String
    /// The BPF filter, applied by tcpdump on the node.
    public var filter: String?
    /// `--duration`, in seconds.
    public var durationSeconds: Double?
    /// `-c`: stop after this many packets, all nodes together.
    public var count: Int?
    /// `-w DIR`: each stream saved as DIR/NODE-INTERFACE.pcapng.
    public var writeDirectory: String?
    /// The analysis (pod networks, tunnels, cluster context, flow limit).
    public var analysis: AnalysisOptions
    /// How long a packet waits for a silent node's packets of the same moment before it is
    /// analysed without them.
    public var holdNanoseconds: Int64 = 2_000_000_000
    /// After kubectl was asked to end: how long until it is killed.
    public var stopGraceSeconds: Double = 5

    public init(
        kubectl: KubectlInvocation, nodes: [String], interfaces: [String], image: String, filter: String?,
        durationSeconds: Double?, count: Int?, writeDirectory: String?, analysis: AnalysisOptions
    ) {
        self.kubectl = kubectl
        self.nodes = nodes
        self.interfaces = interfaces
        self.image = image
        self.filter = filter
        self.durationSeconds = durationSeconds
        self.count = count
        self.writeDirectory = writeDirectory
        self.analysis = analysis
    }

    /// Where stream NODE/INTERFACE is saved with -w.
    public func writePath(node: String, interface: String) -> String? {
        guard let writeDirectory else { return nil }
        let safe = { (text: String) in String(text.map { $0 == "/" ? "_" : $0 }) }
        let directory = writeDirectory.hasSuffix("/") ? String(writeDirectory.dropLast()) : writeDirectory
        return "\(directory)/\(safe(node))-\(safe(interface)).pcapng"
    }
}
