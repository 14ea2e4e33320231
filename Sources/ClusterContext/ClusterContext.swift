import Wire

/// Everything the cluster files say, merged: a node described by several files (kubectl and
/// calicoctl) is one node, a pool listed by calicoctl and by the Installation is one pool, a pod
/// listed twice is one pod.
public struct ClusterContext: Sendable {
    public private(set) var nodes: [ClusterNode] = []
    public private(set) var pools: [ConfiguredPool] = []
    public private(set) var pods: [ClusterPod] = []
    /// `FelixConfiguration` resources, in file order (a name seen again replaces the earlier one).
    public private(set) var felixConfigurations: [FelixSettings] = []
    /// The files merged, in order.
    public private(set) var files: [String] = []
    /// What merging and reading noticed (disagreements, passed-over resources), one line each.
    public private(set) var notes: [String] = []

    var nodeIndexByName: [String: Int] = [:]
    var podIndexByQualifiedName: [String: Int] = [:]
    var nodeIndexByAddress: [IPAddress: Int] = [:]
    var nodeIndexByMAC: [MACAddress: Int] = [:]
    var podIndicesByAddress: [IPAddress: [Int]] = [:]

    public init(files: [ClusterFile] = []) {
        for file in files {
            add(file)
        }
    }

    /// Merges one more file.
    public mutating func add(_ file: ClusterFile) {
        files.append(file.name)
        file.notes.forEach { note("\(file.name): \($0)") }
        for node in file.nodes {
            add(node)
        }
        for pool in file.pools {
            add(pool)
        }
        for pod in file.pods {
            add(pod)
        }
        for settings in file.felixConfigurations {
            felixConfigurations.removeAll { $0.name == settings.name }
            felixConfigurations.append(settings)
        }
        rebuildIndexes()
    }

    private mutating func add(_ node: ClusterNode) {
        guard let index = nodeIndexByName[node.name] else {
            nodeIndexByName[node.name] = nodes.count
            nodes.append(node)
            return
        }
        nodes[index].absorb(node).forEach { note($0) }
    }

    /// A pool seen again under the same name and CIDR: an IPPool resource is preferred to the
    /// Installation, which only seeds pools; otherwise the first file wins.
    private mutating func add(_ pool: ConfiguredPool) {
        guard let index = pools.firstIndex(where: { $0.name == pool.name && $0.cidr == pool.cidr }) else {
            pools.append(pool)
            return
        }
        let existing = pools[index]
        let replaces = existing.source.kind == .installation && pool.source.kind != .installation
        let kept = replaces ? pool : existing
        let other = replaces ? existing : pool
        if kept.ipipMode != other.ipipMode || kept.vxlanMode != other.vxlanMode || kept.isDisabled != other.isDisabled
            || kept.nodeSelector != other.nodeSelector || kept.blockSize != other.blockSize
        {
            note(
                "pool \(pool.name): \(other.source) says \(other.ipipMode)/\(other.vxlanMode), "
                    + "\(kept.source) says \(kept.ipipMode)/\(kept.vxlanMode); using \(kept.source.file)")
        }
        pools[index] = kept
    }

    /// A pod seen again: a Pod resource (which knows `hostNetwork`) is preferred to a table row.
    private mutating func add(_ pod: ClusterPod) {
        guard let index = podIndexByQualifiedName[pod.qualifiedName] else {
            podIndexByQualifiedName[pod.qualifiedName] = pods.count
            pods.append(pod)
            return
        }
        let existing = pods[index]
        let preferred = existing.isHostNetwork == nil && pod.isHostNetwork != nil ? pod : existing
        let other = preferred == pod ? existing : pod
        var addresses = preferred.addresses
        addresses += other.addresses.filter { !addresses.contains($0) }
        pods[index] = ClusterPod(
            namespace: preferred.namespace, name: preferred.name, addresses: addresses,
            nodeName: preferred.nodeName ?? other.nodeName, isHostNetwork: preferred.isHostNetwork,
            status: preferred.status ?? other.status, source: preferred.source)
    }

    /// Notes quote file contents: kept to one printable line.
    private mutating func note(_ text: String) {
        notes.append(ClusterFileError.printable(text))
    }

    private mutating func rebuildIndexes() {
        nodeIndexByAddress = [:]
        nodeIndexByMAC = [:]
        podIndicesByAddress = [:]
        for (index, node) in nodes.enumerated() {
            for address in node.addresses where nodeIndexByAddress[address] == nil {
                nodeIndexByAddress[address] = index
            }
            for mac in [node.vxlanTunnelIPv4MAC.address, node.vxlanTunnelIPv6MAC.address]
            where nodeIndexByMAC[mac] == nil {
                nodeIndexByMAC[mac] = index
            }
        }
        for (index, pod) in pods.enumerated() {
            for address in pod.addresses {
                podIndicesByAddress[address, default: []].append(index)
            }
        }
    }
}
