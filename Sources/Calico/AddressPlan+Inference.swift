import Wire

extension AddressPlan {
    /// The widest pool inferred from learned blocks: Calico's and kubeadm's usual /16.
    static let inferredPoolPrefixLength = 16

    /// Whether the pod networks rest on little: nothing learned, blocks in no single range, or
    /// a pool inferred from one block. Then `--pod-cidr` is worth suggesting.
    public var isEvidenceThin: Bool {
        switch source {
        case .given: false
        case .inferred: learnedBlocks.filter(\.address.isIPv4).count < 2
        case .learned, .learnedAndAssumed, .assumed, .none: true
        }
    }

    /// IPv4 blocks whose packets were routed between nodes, seen on uplinks: a plain packet
    /// framed to a host's MAC while ARP ties that MAC to another address is routed by that host,
    /// so its destination's block sits behind it; one that arrives one hop from its origin from
    /// a host's MAC came from behind it (ARP, when captured, must not tie the MAC to it). Hosts that route public addresses, forward packets from
    /// further than one hop or route toward other known hosts are routers, not nodes, and prove
    /// nothing. Only private (RFC 1918, RFC 6598) blocks that hold no known host count.
    static func routedPodBlocks(evidence: AddressEvidence, uplinkPoints: Set<Int>, hostBlocks: Set<IPNetwork>) -> Set<IPNetwork> {
        var result = Set<IPNetwork>()
        for point in uplinkPoints {
            let owners = evidence.arpHosts[point] ?? [:]
            let hops = evidence.routedDestinations[point] ?? [:]
            var routers = evidence.routerMACs[point] ?? []
            for (mac, blocks) in hops {
                guard let owner = owners[mac] else { continue }
                // Toward another known host, in a block that is not the owner's own: a gateway.
                if blocks.contains(where: { hostBlocks.contains($0) && !$0.contains(owner) }) { routers.insert(mac) }
            }
            func proves(_ block: IPNetwork, via mac: MACAddress, owner: IPAddress?) -> Bool {
                guard !routers.contains(mac), owner.map({ !block.contains($0) }) ?? true else { return false }
                return block.address.isIPv4 && PrivateRange.holds(block.address) && !hostBlocks.contains(block)
            }
            // Framed to a host's MAC: routed by it only when ARP says the host has another address.
            for (mac, blocks) in hops {
                guard let owner = owners[mac] else { continue }
                for block in blocks where proves(block, via: mac, owner: owner) { result.insert(block) }
            }
            // One hop from its origin: routed once by the host that sent the frame, whether or
            // not its ARP was captured (a host's own packets leave with the initial TTL).
            for (block, mac) in evidence.oneHopSenders[point] ?? [:] where proves(block, via: mac, owner: owners[mac]) {
                result.insert(block)
            }
        }
        return result
    }

    /// One pool holding every learned IPv4 block, when they all fall in one private range: the
    /// blocks' common prefix, widened to /16 (never beyond the range) unless that would take in
    /// a known host; nil when even the common prefix holds a host.
    static func inferredPool(blocks: [IPNetwork], hosts: Set<IPAddress>) -> IPNetwork? {
        let v4 = blocks.filter(\.address.isIPv4)
        guard let first = v4.first, let range = PrivateRange.range(of: first.address),
            v4.allSatisfy({ range.contains($0.address) })
        else { return nil }
        let common = v4.dropFirst().reduce(first.prefixLength) { length, block in
            min(length, PoolAssessment.commonPrefixLength(first.address, block.address))
        }
        var length = max(range.prefixLength, min(common, inferredPoolPrefixLength))
        func holdsHost(_ network: IPNetwork) -> Bool { hosts.contains { network.contains($0) } }
        while length < common && holdsHost(IPNetwork(address: first.address, prefixLength: length)) { length += 1 }
        let pool = IPNetwork(address: first.address, prefixLength: length)
        return holdsHost(pool) ? nil : pool
    }
}
