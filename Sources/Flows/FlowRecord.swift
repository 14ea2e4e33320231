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
            observations[index].count(sizes, direction: direction)
            let first: Bool
            if direction == .forward {
                first = observations[index].packetsForward == 0
                observations[index].packetsForward += 1
            } else {
                first = observations[index].packetsReverse == 0
                observations[index].packetsReverse += 1
            }
            observations[index].lastSeen = max(observations[index].lastSeen, time)
            observations[index].firstSeen = min(observations[index].firstSeen, time)
            if observation.innerSourceMAC != nil && observations[index].innerSourceMAC == nil
                && observations[index].innerDestinationMAC == nil
            {
                observations[index].innerSourceMAC = observation.innerSourceMAC
                observations[index].innerDestinationMAC = observation.innerDestinationMAC
            }
            if observations[index].forwardOuterSource == nil {
                observations[index].forwardOuterSource = observation.forwardOuterSource
            }
            return first
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
