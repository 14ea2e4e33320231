import Wire

/// Everything known about one bidirectional flow.
public struct FlowRecord: Sendable {
    public let key: FlowKey
    /// The side that sent first (TCP: the SYN sender; ICMP: the echo requester), as a key side.
    public var clientIsLower: Bool
    public var packetsForward = 0
    public var packetsReverse = 0
    public var bytesForward = 0
    public var bytesReverse = 0
    public var firstSeen: Int64
    public var lastSeen: Int64
    public var tcpFlagsForward = TCPFlags()
    public var tcpFlagsReverse = TCPFlags()
    /// Packets seen at some capture point after being counted at another (not counted again).
    public var duplicatePackets = 0
    public var observations: [CarrierObservation] = []
    public var icmpErrors: [ICMPErrorNote] = []
    /// TCP only: each direction's progress (sequence, acknowledgments, retransmissions).
    public var segmentsForward = SegmentProgress()
    public var segmentsReverse = SegmentProgress()

    init(key: FlowKey, clientIsLower: Bool, time: Int64) {
        self.key = key
        self.clientIsLower = clientIsLower
        self.firstSeen = time
        self.lastSeen = time
    }

    public var client: Endpoint { clientIsLower ? key.lower : key.upper }
    public var server: Endpoint { clientIsLower ? key.upper : key.lower }
    public var packetsToServer: Int { clientIsLower ? packetsForward : packetsReverse }
    public var packetsToClient: Int { clientIsLower ? packetsReverse : packetsForward }
    public var bytesToServer: Int { clientIsLower ? bytesForward : bytesReverse }
    public var bytesToClient: Int { clientIsLower ? bytesReverse : bytesForward }
    public var tcpFlagsFromClient: TCPFlags { clientIsLower ? tcpFlagsForward : tcpFlagsReverse }
    public var tcpFlagsFromServer: TCPFlags { clientIsLower ? tcpFlagsReverse : tcpFlagsForward }

    public var segmentsFromClient: SegmentProgress { clientIsLower ? segmentsForward : segmentsReverse }
    public var segmentsFromServer: SegmentProgress { clientIsLower ? segmentsReverse : segmentsForward }
    /// Data segments sent again, both directions.
    public var retransmissions: Int { segmentsForward.retransmissions + segmentsReverse.retransmissions }

    /// Counts one packet of this flow going `direction`, seen under `observation` (the packet's
    /// innermost IP header `ip` and TCP `flags`, empty for other protocols). A duplicate adds
    /// carrier evidence only. True when it is the first packet of its direction under that
    /// observation.
    @inline(__always)
    mutating func count(
        _ packet: Dissection, ip: IPFacts, flags: TCPFlags, observation: CarrierObservation, direction: Direction,
        time: Int64, isDuplicate: Bool
    ) -> Bool {
        lastSeen = max(lastSeen, time)
        firstSeen = min(firstSeen, time)
        if isDuplicate {
            duplicatePackets += 1
        } else if direction == .forward {
            packetsForward += 1
            bytesForward += ip.length
        } else {
            packetsReverse += 1
            bytesReverse += ip.length
        }
        if ip.protocolNumber == .tcp {
            if direction == .forward {
                tcpFlagsForward.formUnion(flags)
            } else {
                tcpFlagsReverse.formUnion(flags)
            }
            if !isDuplicate, case .tcp(let tcp)? = packet.transport {
                noteSegment(tcp, direction: direction, time: time)
            }
        }
        var sizes = PacketSizes(outerLength: packet.outermostIPLength)
        if let tunnel = packet.tunnels.innermost {
            sizes.innerBytes = ip.length
            sizes.outerHeaderBytes = max(0, packet.outermostIPLength - ip.length)
            sizes.checksum = tunnel.outerChecksum
        }
        let first = observe(observation, direction: direction, time: time, sizes: sizes)
        if first {
            // The end MACs, once per direction and observation rather than per packet: the inner
            // frame's for an Ethernet-carrying tunnel, the frame's own for plain packets.
            var sourceMAC = packet.link.sourceMAC
            var destinationMAC = packet.link.destinationMAC
            if let tunnel = packet.tunnels.innermost {
                (sourceMAC, destinationMAC) = (tunnel.innerSourceMAC, tunnel.innerDestinationMAC)
            }
            noteEndMACs(of: observation, source: sourceMAC, destination: destinationMAC, direction: direction)
        }
        return first
    }

    /// Records a TCP segment going `direction` (counted once: not for copies seen at other points).
    mutating func noteSegment(_ tcp: TCPFacts, direction: Direction, time: Int64) {
        if direction == .forward {
            if tcp.flags.contains(.acknowledgment) {
                segmentsForward.acknowledge(tcp.acknowledgmentNumber, peer: &segmentsReverse)
            }
            segmentsForward.send(tcp, peer: segmentsReverse, time: time)
        } else {
            if tcp.flags.contains(.acknowledgment) {
                segmentsReverse.acknowledge(tcp.acknowledgmentNumber, peer: &segmentsForward)
            }
            segmentsReverse.send(tcp, peer: segmentsForward, time: time)
        }
    }

    /// The server sent at least one packet back.
    public var answered: Bool { packetsToClient > 0 }

    /// Whether a packet going `direction` travels from the client to the server.
    public func isToServer(_ direction: Direction) -> Bool {
        (direction == .forward) == clientIsLower
    }

    static let maximumObservations = 64
    static let maximumICMPErrors = 8

    /// Counts a packet under its carrier observation; true when it is the first packet of its
    /// direction there (the moment to learn addresses from it, twice per flow and point).
    @discardableResult
    mutating func observe(
        _ observation: CarrierObservation, direction: Direction, time: Int64, sizes: PacketSizes = PacketSizes()
    ) -> Bool {
        for index in observations.indices where observations[index].matches(observation) {
            return observations[index].add(observation, direction: direction, time: time, sizes: sizes)
        }
        guard observations.count < Self.maximumObservations else { return false }
        var added = observation
        added.packetsForward = direction == .forward ? 1 : 0
        added.packetsReverse = direction == .forward ? 0 : 1
        added.firstSeen = time
        added.lastSeen = time
        added.count(sizes, direction: direction)
        observations.append(added)
        return true
    }

    /// Gives the observation matching `observation` its end MACs, when it has none yet.
    mutating func noteEndMACs(
        of observation: CarrierObservation, source: MACAddress?, destination: MACAddress?, direction: Direction
    ) {
        guard let index = observations.firstIndex(where: { $0.matches(observation) }),
            observations[index].lowerEndMAC == nil, observations[index].upperEndMAC == nil
        else { return }
        observations[index].orientEndMACs(source: source, destination: destination, direction)
    }

    mutating func noteICMPError(
        reporter: IPAddress, protocolNumber: IPProtocol, type: UInt8, code: UInt8, time: Int64,
        details: ICMPErrorDetails = ICMPErrorDetails()
    ) {
        for index in icmpErrors.indices
        where icmpErrors[index].reporter == reporter && icmpErrors[index].type == type && icmpErrors[index].code == code
            && icmpErrors[index].announcedMTU == details.announcedMTU
        {
            icmpErrors[index].count += 1
            icmpErrors[index].lastSeen = max(icmpErrors[index].lastSeen, time)
            icmpErrors[index].quotedLength = max(icmpErrors[index].quotedLength, details.quotedLength)
            return
        }
        guard icmpErrors.count < Self.maximumICMPErrors else { return }
        var note = ICMPErrorNote(
            reporter: reporter, protocolNumber: protocolNumber, type: type, code: code, count: 1, firstSeen: time)
        note.lastSeen = time
        note.announcedMTU = details.announcedMTU
        note.quotedLength = details.quotedLength
        note.quotedTunnel = details.quotedTunnel
        note.recipient = details.recipient
        icmpErrors.append(note)
    }
}
