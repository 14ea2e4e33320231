extension FlowRecord {
    /// Adds what `other` (the same flow, counted elsewhere: another shard, another part of the
    /// capture) knows. The side that was seen first keeps deciding who the client is.
    public mutating func merge(_ other: FlowRecord) {
        guard other.key == key else { return }
        if other.firstSeen < firstSeen { clientIsLower = other.clientIsLower }
        packetsForward += other.packetsForward
        packetsReverse += other.packetsReverse
        bytesForward += other.bytesForward
        bytesReverse += other.bytesReverse
        firstSeen = min(firstSeen, other.firstSeen)
        lastSeen = max(lastSeen, other.lastSeen)
        tcpFlagsForward.formUnion(other.tcpFlagsForward)
        tcpFlagsReverse.formUnion(other.tcpFlagsReverse)
        duplicatePackets += other.duplicatePackets
        if !segmentsForward.started { segmentsForward = other.segmentsForward }
        if !segmentsReverse.started { segmentsReverse = other.segmentsReverse }
        for observation in other.observations {
            if let index = observations.firstIndex(where: { $0.matches(observation) }) {
                observations[index].packetsForward += observation.packetsForward
                observations[index].packetsReverse += observation.packetsReverse
                observations[index].firstSeen = min(observations[index].firstSeen, observation.firstSeen)
                observations[index].lastSeen = max(observations[index].lastSeen, observation.lastSeen)
                observations[index].adoptEndMACs(of: observation)
                observations[index].outerHeaderBytes += observation.outerHeaderBytes
                observations[index].innerBytes += observation.innerBytes
                observations[index].largestOuterLength = max(
                    observations[index].largestOuterLength, observation.largestOuterLength)
                observations[index].superFrames += observation.superFrames
                observations[index].wrongChecksumsForward += observation.wrongChecksumsForward
                observations[index].wrongChecksumsReverse += observation.wrongChecksumsReverse
                observations[index].unfinishedChecksums += observation.unfinishedChecksums
                if observations[index].innerSourceMAC == nil && observations[index].innerDestinationMAC == nil {
                    observations[index].innerSourceMAC = observation.innerSourceMAC
                    observations[index].innerDestinationMAC = observation.innerDestinationMAC
                }
                if observations[index].forwardOuterSource == nil {
                    observations[index].forwardOuterSource = observation.forwardOuterSource
                }
            } else if observations.count < Self.maximumObservations {
                observations.append(observation)
            }
        }
        for error in other.icmpErrors {
            if let index = icmpErrors.firstIndex(where: {
                $0.reporter == error.reporter && $0.type == error.type && $0.code == error.code
            }) {
                icmpErrors[index].count += error.count
                icmpErrors[index].firstSeen = min(icmpErrors[index].firstSeen, error.firstSeen)
                icmpErrors[index].lastSeen = max(icmpErrors[index].lastSeen, error.lastSeen)
                icmpErrors[index].quotedLength = max(icmpErrors[index].quotedLength, error.quotedLength)
            } else if icmpErrors.count < Self.maximumICMPErrors {
                icmpErrors.append(error)
            }
        }
    }
}
