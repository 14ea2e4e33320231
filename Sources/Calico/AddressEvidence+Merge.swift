extension AddressEvidence {
    /// Adds what `other` learned (another shard of the same capture), within the same bounds as
    /// learning packet by packet.
    public mutating func merge(_ other: AddressEvidence) {
        for address in other.nodeAddresses { insertNode(address) }
        for address in other.podAddresses where podAddresses.count < limit { podAddresses.insert(address) }
        for (point, senders) in other.arpSenders {
            if arpSenders[point] == nil && arpSenders.count >= 4096 { continue }
            for sender in senders where arpSenders[point, default: []].count < limit {
                arpSenders[point, default: []].insert(sender)
            }
        }
        for (block, nodes) in other.blockNodes {
            guard blockNodes[block] != nil || blockNodes.count < limit else { continue }
            for (node, packets) in nodes {
                guard blockNodes[block]?[node] != nil || (blockNodes[block]?.count ?? 0) < Self.nodesPerBlock else { continue }
                blockNodes[block, default: [:]][node, default: 0] += packets
            }
        }
        for (point, hosts) in other.arpHosts {
            for (mac, host) in hosts where arpHosts[point, default: [:]].count < limit {
                arpHosts[point, default: [:]][mac] = arpHosts[point]?[mac] ?? host
            }
        }
        for (point, senders) in other.oneHopSenders {
            for (block, mac) in senders where oneHopSenders[point, default: [:]].count < Self.blocksPerPoint {
                oneHopSenders[point, default: [:]][block] = oneHopSenders[point]?[block] ?? mac
            }
        }
        mergeRouting(other)
        for (point, blocks) in other.plainBlocks {
            for block in blocks where plainBlocks[point, default: []].count < Self.blocksPerPoint {
                plainBlocks[point, default: []].insert(block)
            }
        }
    }
}
