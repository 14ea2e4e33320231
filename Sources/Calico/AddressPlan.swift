import Wire

/// The final answer to "is this address a pod?", with the assumptions behind it.
public struct AddressPlan: Sendable {
    /// Calico's default IPv4 pool, and the fallbacks calico-node picks when it overlaps a host address.
    public static let defaultPool = IPNetwork(address: .v4(IPv4Address(192, 168, 0, 0)), prefixLength: 16)
    public static let fallbackPools: [IPNetwork] = (16...31).map {
        IPNetwork(address: .v4(IPv4Address(172, UInt8($0), 0, 0)), prefixLength: 16)
    }

    /// Pod networks: the `--pod-cidr` values, or learned blocks plus the default pool.
    public private(set) var podNetworks: [IPNetwork]
    /// Whether the pod networks were given by the user.
    public let explicit: Bool
    /// Addresses known to be hosts (tunnel endpoints, ARP senders on uplinks).
    public private(set) var hostAddresses: Set<IPAddress>
    /// The pool assumed in the absence of `--pod-cidr`, if any.
    public private(set) var assumedDefaultPool: IPNetwork?
    /// Learned pod blocks (/26, /122).
    public private(set) var learnedBlocks: [IPNetwork] = []
    /// The pool inferred from the learned blocks, when they all fall in one private range.
    public private(set) var inferredPool: IPNetwork?
    /// Where the pod networks came from.
    public private(set) var source: PodNetworkSource = .given
    /// Blocks per kind of evidence behind the learned pods.
    public private(set) var podEvidence = PodNetworkEvidence()
    /// Pod block → node address, from tunnel outer headers.
    public private(set) var blockNode: [IPNetwork: IPAddress] = [:]
    /// The hosts that spoke ARP at each uplink capture point: each set shares one layer-2 segment.
    public private(set) var segments: [Set<IPAddress>] = []

    /// `podSidePoints`: capture points whose plain packets are pod traffic (tunnel devices).
    /// What the cluster's files say, when given: pod address → the address of its node, and
    /// node address → the node's network (its Calico address with prefix, as Felix compares).
    public private(set) var knownPodNodes: [IPAddress: IPAddress] = [:]
    public private(set) var knownNodeNetworks: [IPAddress: IPNetwork] = [:]

    public init(
        explicitPodNetworks: [IPNetwork], evidence: AddressEvidence, uplinkPoints: Set<Int>, podSidePoints: Set<Int> = [],
        knownPodNodes: [IPAddress: IPAddress] = [:], knownNodeNetworks: [IPAddress: IPNetwork] = [:]
    ) {
        self.knownPodNodes = knownPodNodes
        self.knownNodeNetworks = knownNodeNetworks
        hostAddresses = []
        var hosts = evidence.nodeAddresses
        for (point, senders) in evidence.arpSenders where uplinkPoints.contains(point) {
            hosts.formUnion(senders)
        }
        for (block, nodes) in evidence.blockNodes {
            if let node = nodes.max(by: { ($0.value, $1.key) < ($1.value, $0.key) })?.key {
                blockNode[block] = node
            }
        }
        // Pods reached directly: a block whose packets arrived one hop from their sender sits on
        // the host ARP ties to the frame's source MAC.
        for (point, senders) in evidence.oneHopSenders where uplinkPoints.contains(point) {
            for (block, mac) in senders where blockNode[block] == nil {
                if let host = evidence.arpHosts[point]?[mac], !block.contains(host) { blockNode[block] = host }
            }
        }
        hostAddresses = hosts
        segments = evidence.arpSenders.filter { uplinkPoints.contains($0.key) }.sorted { $0.key < $1.key }.map(\.value)
        if !explicitPodNetworks.isEmpty {
            explicit = true
            podNetworks = explicitPodNetworks
            return
        }
        explicit = false
        let hostBlocks = Set(hosts.map(AddressEvidence.block(of:)))
        let learnedPods = evidence.podAddresses.subtracting(hosts)
        var evidenceCounts = PodNetworkEvidence()
        var blockSet = Set(learnedPods.map(AddressEvidence.block(of:)))
        evidenceCounts.tunnelInner = blockSet.filter { evidence.blockNodes[$0] != nil }.count
        evidenceCounts.workloadVeth = blockSet.count - evidenceCounts.tunnelInner
        var deviceBlocks = Set<IPNetwork>()
        for (point, blocks) in evidence.plainBlocks where podSidePoints.contains(point) {
            deviceBlocks.formUnion(blocks.filter { block in !hosts.contains { block.contains($0) } })
        }
        evidenceCounts.tunnelDevice = deviceBlocks.count
        let routed = Self.routedPodBlocks(evidence: evidence, uplinkPoints: uplinkPoints, hostBlocks: hostBlocks)
        evidenceCounts.routedBetweenNodes = routed.count
        blockSet.formUnion(deviceBlocks)
        blockSet.formUnion(routed)
        let blocks = blockSet.sorted()
        learnedBlocks = blocks
        podEvidence = evidenceCounts
        if let pool = Self.inferredPool(blocks: blocks, hosts: hosts) {
            inferredPool = pool
            podNetworks = [pool] + blocks.filter { !pool.contains($0.address) }
            source = .inferred
            return
        }
        var networks = blocks
        let candidates = [Self.defaultPool] + Self.fallbackPools
        let freeCandidate = candidates.first { pool in !hosts.contains { pool.contains($0) } }
        if let pool = freeCandidate {
            // Trust the default only when nothing learned contradicts it.
            let v4Blocks = blocks.filter { $0.address.isIPv4 }
            if v4Blocks.isEmpty || v4Blocks.contains(where: { pool.contains($0.address) }) {
                assumedDefaultPool = pool
                networks.append(pool)
            }
        }
        podNetworks = networks
        switch (blocks.isEmpty, assumedDefaultPool == nil) {
        case (true, true): source = .none
        case (true, false): source = .assumed
        case (false, true): source = .learned
        case (false, false): source = .learnedAndAssumed
        }
    }

    public func isPod(_ address: IPAddress) -> Bool {
        if !explicit && hostAddresses.contains(address) { return false }
        return podNetworks.contains { $0.contains(address) }
    }

    /// Whether two hosts were seen on one layer-2 segment (both spoke ARP at one uplink): then
    /// they share a subnet, and traffic between them crosses no router. Nil when the capture
    /// does not say.
    public func shareSegment(_ first: IPAddress, _ second: IPAddress) -> Bool? {
        segments.contains { $0.contains(first) && $0.contains(second) } ? true : nil
    }

    /// Whether two nodes share a subnet: by the cluster's files when they give both nodes'
    /// networks (Felix's rule, each way: a node registered with a /32 shares none), else by
    /// the layer-2 evidence of the capture.
    public func shareSubnet(_ first: IPAddress, _ second: IPAddress) -> Bool? {
        if let firstNetwork = knownNodeNetworks[first], let secondNetwork = knownNodeNetworks[second] {
            return firstNetwork.contains(second) && secondNetwork.contains(first)
        }
        return shareSegment(first, second)
    }

    /// The node hosting a pod, when its block was seen inside a tunnel.
    public func node(ofPod address: IPAddress) -> IPAddress? {
        knownPodNodes[address] ?? blockNode[AddressEvidence.block(of: address)]
    }
}
