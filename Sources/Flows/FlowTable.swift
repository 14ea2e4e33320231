import Wire

/// Bidirectional flows keyed by the innermost 5-tuple. Memory is bounded by `maximumFlows`:
/// when full, an approximately least-recently-seen flow is evicted and counted.
public struct FlowTable: Sendable {
    public internal(set) var records = FlowRecords()
    var index = FlowIndex()
    var fragmentPorts: [FragmentKey: (UInt16, UInt16)] = [:]
    private var randomState: UInt64 = 0x9e37_79b9_7f4a_7c15
    public let maximumFlows: Int
    public internal(set) var evictedFlows = 0
    public internal(set) var evictedPackets = 0

    static let maximumFragmentEntries = 65_536

    public init(maximumFlows: Int = 1_000_000) {
        self.maximumFlows = max(1, maximumFlows)
    }

    public var count: Int { records.count }

    /// Hands the flows over and empties the table (the eviction counts stay).
    public mutating func takeRecords() -> FlowRecords {
        let taken = records
        records = FlowRecords()
        index = FlowIndex()
        fragmentPorts = [:]
        return taken
    }

    public func record(for key: FlowKey) -> FlowRecord? {
        position(of: key, hash: FlowIndex.hash(key)).map { records[$0] }
    }

    /// Where `key` (whose `FlowIndex.hash` is `hash`) is in `records`.
    @inline(__always)
    func position(of key: FlowKey, hash: UInt64) -> Int? {
        index.find(hash: hash) { records[$0].key == key }
    }

    /// Appends a record for a key not in the table.
    mutating func append(_ record: FlowRecord, hash: UInt64) {
        records.append(record)
        index.insert(hash: hash, position: records.count - 1)
    }

    /// Counts one decoded packet seen at `capturePoint`. A duplicate (the same packet already
    /// counted at another capture point) adds carrier evidence but no packets or bytes.
    @discardableResult
    public mutating func update(
        with packet: Dissection, capturePoint: Int, time: Int64, isDuplicate: Bool
    ) -> FlowUpdate {
        guard let ip = packet.ip, packet.innermostDecoded || packet.isWireGuard else { return .noFlow }
        // One pass over the transport: the ports (or echo identifier), the TCP flags, ICMP errors.
        var ports: TransportPorts?
        var flags = TCPFlags()
        switch packet.transport {
        case .tcp(let tcp)?:
            ports = TransportPorts(source: tcp.sourcePort, destination: tcp.destinationPort)
            flags = tcp.flags
        case .udp(let udp)?:
            ports = TransportPorts(source: udp.sourcePort, destination: udp.destinationPort)
        case .icmpv6(let message)? where Self.isLinkControl(icmpv6Type: message.type):
            return .linkControl
        case .icmp(let message)?, .icmpv6(let message)?:
            if message.quoted != nil, attachError(message, reporter: ip, time: time, isDuplicate: isDuplicate) {
                return .icmpErrorAttached
            }
            if message.echo != nil { ports = TransportPorts(source: message.identifier, destination: message.identifier) }
        case .other?, nil:
            break
        }
        var sourcePort = ports?.source ?? 0
        var destinationPort = ports?.destination ?? 0
        if ip.isFragment {
            let fragmentKey = FragmentKey(
                source: ip.source, destination: ip.destination, protocolNumber: ip.protocolNumber,
                identification: ip.identification)
            if ip.isFirstFragment {
                if ports != nil {
                    if fragmentPorts.count >= Self.maximumFragmentEntries { fragmentPorts.removeAll(keepingCapacity: true) }
                    fragmentPorts[fragmentKey] = (sourcePort, destinationPort)
                }
            } else if let ports = fragmentPorts[fragmentKey] {
                (sourcePort, destinationPort) = ports
            } else if Self.hasPortsByNature(ip.protocolNumber) {
                return .fragmentWithoutFirst
            }
        } else if ports == nil && Self.hasPortsByNature(ip.protocolNumber) && ip.protocolNumber != .icmp
            && ip.protocolNumber != .icmpv6
        {
            return .noFlow
        }
        let source = Endpoint(address: ip.source, port: sourcePort)
        let destination = Endpoint(address: ip.destination, port: destinationPort)
        let key = FlowKey(source: source, destination: destination, protocolNumber: ip.protocolNumber)
        let direction = key.direction(ofPacketFrom: source)
        let hash = FlowIndex.hash(key)
        let position: Int
        if let existing = self.position(of: key, hash: hash) {
            position = existing
        } else {
            if records.count >= maximumFlows { evictOne() }
            let senderIsClient = Self.senderIsClient(packet)
            let clientIsLower = (direction == .forward) == senderIsClient
            append(FlowRecord(key: key, clientIsLower: clientIsLower, time: time), hash: hash)
            position = records.count - 1
        }
        let observation = Self.observation(of: packet, capturePoint: capturePoint, direction: direction)
        // One access to the record for the whole packet (each `records[position]` would check
        // the index and the array's uniqueness again).
        let first = records[position].count(
            packet, ip: ip, flags: flags, observation: observation, direction: direction, time: time,
            isDuplicate: isDuplicate)
        return .recorded(firstSighting: first)
    }

    /// Notes an ICMP error on the flow of the packet it quotes; false when there is no such flow.
    private mutating func attachError(_ icmp: ICMPFacts, reporter: IPFacts, time: Int64, isDuplicate: Bool) -> Bool {
        guard let quoted = icmp.quoted else { return false }
        let key = FlowKey(
            source: Endpoint(address: quoted.source, port: quoted.sourcePort),
            destination: Endpoint(address: quoted.destination, port: quoted.destinationPort),
            protocolNumber: quoted.protocolNumber)
        guard let position = position(of: key, hash: FlowIndex.hash(key)) else { return false }
        if !isDuplicate {
            var details = ICMPErrorDetails(
                quotedLength: quoted.length, quotedTunnel: quoted.tunnel, recipient: reporter.destination)
            details.announcedMTU = Self.announcedMTU(icmp, version6: reporter.protocolNumber == .icmpv6)
            records[position].noteICMPError(
                reporter: reporter.source, protocolNumber: reporter.protocolNumber, type: icmp.type, code: icmp.code,
                time: time, details: details)
        }
        return true
    }

    /// The next-hop MTU of an ICMP "fragmentation needed" (type 3 code 4: header bytes 6-7) or
    /// an ICMPv6 "packet too big" (type 2: bytes 4-7); nil for every other message.
    static func announcedMTU(_ icmp: ICMPFacts, version6: Bool) -> Int? {
        if version6 {
            return icmp.type == 2 ? Int(UInt32(icmp.identifier) << 16 | UInt32(icmp.sequenceNumber)) : nil
        }
        return icmp.type == 3 && icmp.code == 4 ? Int(icmp.sequenceNumber) : nil
    }

    /// IPv6's link-layer plumbing, as ARP is IPv4's: router and neighbour solicitations and
    /// advertisements, redirects (133–137), and multicast listener queries and reports (130–132,
    /// 143). They belong to no conversation between pods or hosts.
    static func isLinkControl(icmpv6Type type: UInt8) -> Bool {
        (133...137).contains(type) || (130...132).contains(type) || type == 143
    }

    static func hasPortsByNature(_ protocolNumber: IPProtocol) -> Bool {
        protocolNumber == .tcp || protocolNumber == .udp || protocolNumber == .icmp || protocolNumber == .icmpv6
    }

    /// Whether the first packet's sender is the client: not when it is a SYN-ACK or an echo reply.
    static func senderIsClient(_ packet: Dissection) -> Bool {
        if let flags = packet.transport?.tcp?.flags, flags.contains(.syn) && flags.contains(.acknowledgment) {
            return false
        }
        if packet.transport?.icmp?.echo == .reply { return false }
        return true
    }

    static func observation(of packet: Dissection, capturePoint: Int, direction: Direction) -> CarrierObservation {
        var observation = CarrierObservation(
            capturePoint: capturePoint, carrier: .plain, outerLower: nil, outerUpper: nil, forwardOuterSource: nil,
            networkIdentifier: nil,
            tunnelPort: 0, detectedByHeader: false, innerSourceMAC: nil, innerDestinationMAC: nil, tunnelDepth: 0,
            packetsForward: 0, packetsReverse: 0, firstSeen: 0, lastSeen: 0)
        if packet.isWireGuard, let ip = packet.ip {
            let ports = packet.ports
            observation.carrier = .wireguard
            observation.outerLower = min(ip.source, ip.destination)
            observation.outerUpper = max(ip.source, ip.destination)
            observation.tunnelPort = max(ports?.source ?? 0, ports?.destination ?? 0)
            observation.forwardOuterSource = direction == .forward ? ip.source : ip.destination
        } else if let tunnel = packet.tunnels.innermost {
            observation.carrier = ObservedCarrier(tunnel.kind)
            observation.outerLower = min(tunnel.outerSource, tunnel.outerDestination)
            observation.outerUpper = max(tunnel.outerSource, tunnel.outerDestination)
            observation.networkIdentifier = tunnel.networkIdentifier
            observation.tunnelPort = tunnel.outerDestinationPort
            observation.detectedByHeader = tunnel.detectedByHeader
            observation.innerSourceMAC = tunnel.innerSourceMAC
            observation.innerDestinationMAC = tunnel.innerDestinationMAC
            observation.tunnelDepth = packet.tunnels.count
            observation.forwardOuterSource = direction == .forward ? tunnel.outerSource : tunnel.outerDestination
        }
        return observation
    }

    /// Evicts the least recently seen of a few sampled flows (approximate LRU, O(1)).
    mutating func evictOne() {
        guard !records.isEmpty else { return }
        var victim = nextRandom() % records.count
        for _ in 0..<7 {
            let candidate = nextRandom() % records.count
            if records[candidate].lastSeen < records[victim].lastSeen { victim = candidate }
        }
        let removed = records[victim]
        evictedFlows += 1
        evictedPackets += removed.packetsForward + removed.packetsReverse
        index.remove(hash: FlowIndex.hash(removed.key), position: victim)
        let last = records.count - 1
        if victim != last {
            records[victim] = records[last]
            index.move(hash: FlowIndex.hash(records[victim].key), from: last, to: victim)
        }
        records.removeLast()
    }

    private mutating func nextRandom() -> Int {
        randomState ^= randomState << 13
        randomState ^= randomState >> 7
        randomState ^= randomState << 17
        return Int(truncatingIfNeeded: randomState & 0x7fff_ffff_ffff_ffff)
    }
}
