import Calico
import Flows
import Wire

extension AnalysisSession {
    /// The shard (of `count`) whose session keeps `packet`'s flow: a hash of the innermost IP
    /// addresses in canonical order and the protocol, the same both ways. Ports are left out so
    /// that every fragment of a datagram goes where its first fragment went; an ICMP error goes
    /// to the shard of the packet it quotes, so that it finds that flow.
    public static func shard(of packet: Dissection, count: Int) -> Int {
        guard count > 1, let ip = packet.ip else { return 0 }
        var first = ip.source
        var second = ip.destination
        var protocolNumber = ip.protocolNumber.rawValue
        if let quoted = packet.transport?.icmp?.quoted {
            first = quoted.source
            second = quoted.destination
            protocolNumber = quoted.protocolNumber.rawValue
        }
        if second < first { swap(&first, &second) }
        let hash = mix(word(first) &+ mix(word(second) ^ UInt64(protocolNumber)))
        return Int(truncatingIfNeeded: hash % UInt64(count))
    }

    private static func word(_ address: IPAddress) -> UInt64 {
        switch address {
        case .v4(let value): UInt64(value.rawValue)
        case .v6(let value): mix(value.high) ^ value.low
        }
    }

    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// Adds the flow-level state of `shard`, a session that received only `recordFlow` calls
    /// for a disjoint set of flows: its flows, duplicates, address evidence and counters.
    public mutating func mergeFlows(from shard: AnalysisSession) {
        flows.merge(shard.flows)
        evidence.merge(shard.evidence)
        duplicatePackets += shard.duplicatePackets
        linkControlPackets += shard.linkControlPackets
        for (anomaly, count) in shard.sessionAnomalies { sessionAnomalies[anomaly, default: 0] += count }
    }
}

extension AnalysisSession {
    /// The link type of capture `index` (`.ethernet` for an unknown index).
    public func linkType(ofCapture index: Int) -> LinkType {
        captures.indices.contains(index) ? captures[index].linkType : .ethernet
    }
}
