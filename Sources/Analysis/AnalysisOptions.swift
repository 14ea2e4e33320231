#if canImport(ClusterContext)
import ClusterContext
#endif
import Wire

/// What to read and how to interpret it.
public struct AnalysisOptions: Sendable {
    /// Capture files; "-" is standard input.
    public var paths: [String]
    /// Pod networks (`--pod-cidr`); empty means learn them and assume Calico's default pool.
    public var podNetworks: [IPNetwork]
    /// Tunnel recognition (VXLAN ports, depth limit, …).
    public var dissect: DissectOptions
    /// The interface the files were captured on, when the files do not say (`--captured-on`).
    public var capturedOn: String?
    /// Per file (`--captured-on FILE=NAME`): the interface each source was captured on, keyed
    /// by the source's name (its path, `stdin` for `-`); overrides `capturedOn`.
    public var capturedOnBySource: [String: String] = [:]
    /// A tcpdump-style BPF filter applied to every packet before analysis.
    public var filter: String?
    /// A BPF filter run on each packet's innermost IP packet (`--inner-filter`, `--pod`).
    public var innerFilter: String?
    /// At most this many flows are kept; older ones are evicted and counted.
    public var maximumFlows: Int
    /// How long a packet seen at one capture point counts as the same packet at another.
    public var duplicateWindowNanoseconds: Int64
    /// Threads that keep flows (`--threads`): with more than one, the reading thread decodes
    /// and hands each packet to the worker owning its flow's shard; the result is the same.
    public var threads: Int = 1
    #if canImport(ClusterContext)
    /// The cluster's own files (`--cluster`): names for pods and nodes, the configured pools,
    /// and what Calico should have done. Nil: everything comes from the packets alone.
    public var cluster: ClusterContext? = nil
    #endif

    public init(
        paths: [String], podNetworks: [IPNetwork] = [], dissect: DissectOptions = DissectOptions(),
        capturedOn: String? = nil, filter: String? = nil, maximumFlows: Int = 1_000_000,
        duplicateWindowNanoseconds: Int64 = 2_000_000_000
    ) {
        self.paths = paths
        self.podNetworks = podNetworks
        self.dissect = dissect
        self.capturedOn = capturedOn
        self.filter = filter
        self.maximumFlows = maximumFlows
        self.duplicateWindowNanoseconds = duplicateWindowNanoseconds
    }

    /// The interface `source` was captured on, as the user said (per file, else for every file).
    public func capturedOn(source: String) -> String? {
        capturedOnBySource[source] ?? capturedOn
    }
}
