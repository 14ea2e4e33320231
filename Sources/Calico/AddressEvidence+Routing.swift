import Wire

extension AddressEvidence {
    /// Initial TTLs (Linux, Windows, network gear) and those values less one: a packet with any
    /// of them is at most one routing hop from its origin.
    static let nearTimeToLive: Set<UInt8> = [64, 63, 128, 127, 255, 254]
    static let maximumNextHops = 4096

    /// What a plain IPv4 packet on a segment shows about routing: the MAC it is framed to routes
    /// its destination (unless that MAC is the destination's own, which ARP tells later); a
    /// sender of packets from further than one hop or from public addresses, and the next hop
    /// toward public addresses, are routers.
    mutating func learnRouting(_ packet: Dissection, capturePoint: Int) {
        guard let ip = packet.ip, ip.source.isIPv4 else { return }
        // From a public address, or from further than one hop: the sending MAC is a router's.
        if let source = packet.link.sourceMAC, !source.isMulticast,
            !PrivateRange.holds(ip.source) || !Self.nearTimeToLive.contains(ip.timeToLive)
        {
            markRouter(source, capturePoint: capturePoint)
        }
        // To a public address: the MAC it is framed to is a router's (a gateway).
        if !PrivateRange.holds(ip.destination) {
            if let destination = packet.link.destinationMAC, !destination.isMulticast {
                markRouter(destination, capturePoint: capturePoint)
            }
            return
        }
        learnNextHop(packet.link.destinationMAC, destination: ip.destination, capturePoint: capturePoint)
    }

    /// The destination's block sits behind (or is) the host owning `mac`.
    mutating func learnNextHop(_ mac: MACAddress?, destination: IPAddress, capturePoint: Int) {
        guard let mac, !mac.isMulticast, destination.isIPv4, destination.canBePod else { return }
        let block = Self.block(of: destination)
        guard routedDestinations[capturePoint]?[mac]?.contains(block) != true else { return }
        if routedDestinations[capturePoint] == nil && routedDestinations.count >= Self.blocksPerPoint { return }
        guard routedDestinations[capturePoint]?[mac] != nil || (routedDestinations[capturePoint]?.count ?? 0) < Self.maximumNextHops,
            (routedDestinations[capturePoint]?[mac]?.count ?? 0) < Self.blocksPerPoint
        else { return }
        routedDestinations[capturePoint, default: [:]][mac, default: []].insert(block)
    }

    mutating func markRouter(_ mac: MACAddress, capturePoint: Int) {
        guard routerMACs[capturePoint]?.contains(mac) != true else { return }
        if routerMACs[capturePoint] == nil && routerMACs.count >= Self.blocksPerPoint { return }
        guard (routerMACs[capturePoint]?.count ?? 0) < Self.maximumNextHops else { return }
        routerMACs[capturePoint, default: []].insert(mac)
    }

    /// Adds another shard's routing evidence, within the same bounds.
    mutating func mergeRouting(_ other: AddressEvidence) {
        for (point, hops) in other.routedDestinations {
            for (mac, blocks) in hops {
                for block in blocks { learnNextHop(mac, destination: block.address, capturePoint: point) }
            }
        }
        for (point, macs) in other.routerMACs {
            for mac in macs { markRouter(mac, capturePoint: point) }
        }
        workloadPodCount += other.workloadPodCount
    }
}
