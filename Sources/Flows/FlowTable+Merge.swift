extension FlowTable {
    /// Adds the flows of `other`. Tables that own disjoint sets of keys (shards by a
    /// direction-independent hash of the 5-tuple, as several threads would keep them) merge into
    /// exactly the table one thread would have built; a flow in both is combined
    /// (`FlowRecord.merge`). Records keep their order: this table's, then `other`'s new ones.
    /// The flow limit holds: beyond it the least recently seen are evicted and counted.
    public mutating func merge(_ other: FlowTable) {
        evictedFlows += other.evictedFlows
        evictedPackets += other.evictedPackets
        for record in other.records {
            let hash = FlowIndex.hash(record.key)
            if let position = position(of: record.key, hash: hash) {
                records[position].merge(record)
                continue
            }
            if records.count >= maximumFlows { evictOne() }
            append(record, hash: hash)
        }
        for (key, ports) in other.fragmentPorts where fragmentPorts.count < Self.maximumFragmentEntries {
            fragmentPorts[key] = fragmentPorts[key] ?? ports
        }
    }
}
