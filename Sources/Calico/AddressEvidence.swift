import Wire

/// What the packets reveal about which addresses are pods and which are nodes, gathered while
/// streaming. Bounded: each set stops growing at `limit` entries.
public struct AddressEvidence: Sendable {
    /// Outer endpoints of IPIP, VXLAN and WireGuard tunnels: node addresses.
    public internal(set) var nodeAddresses: Set<IPAddress> = []
    /// Inner addresses of Calico tunnels, and addresses behind workload veths: pod (or tunnel) addresses.
    public internal(set) var podAddresses: Set<IPAddress> = []
    /// ARP senders per capture point (hosts on that segment, including gateways).
    public internal(set) var arpSenders: [Int: Set<IPAddress>] = [:]
    /// Which node sent or received a pod block's tunnelled packets: block → node → packets.
    public internal(set) var blockNodes: [IPNetwork: [IPAddress: Int]] = [:]
    /// Pod blocks of plain packets per capture point; those of tunnel devices and workload veths
    /// are pod blocks once the points' roles are known.
    public internal(set) var plainBlocks: [Int: Set<IPNetwork>] = [:]
    /// ARP senders' hardware addresses per capture point: MAC → the address it answers for.
    public internal(set) var arpHosts: [Int: [MACAddress: IPAddress]] = [:]
    /// Per capture point, the pod blocks whose plain packets arrived one routing hop from their
    /// sender (TTL 63, 127 or 254: routed once, by the pod's own node) and the source MAC they
    /// came from: with ARP's MAC → address, the node hosting the block (`AddressPlan`).
    public internal(set) var oneHopSenders: [Int: [IPNetwork: MACAddress]] = [:]
    /// Per capture point, each next-hop MAC and the blocks of the destinations framed to it
    /// (plain packets' addresses, tunnels' outer ones): with ARP's MAC → address, what each
    /// host routes (`AddressPlan`).
    public internal(set) var routedDestinations: [Int: [MACAddress: Set<IPNetwork>]] = [:]
    /// Per capture point, MACs that sent plain packets more than one routing hop from their
    /// origin, or to or from public addresses: routers, not nodes.
    public internal(set) var routerMACs: [Int: Set<MACAddress>] = [:]
    /// Addresses seen behind workload veths (a subset of `podAddresses`), for the evidence.
    public internal(set) var workloadPodCount = 0
    public let limit: Int
    static let blocksPerPoint = 4096
    static let nodesPerBlock = 64
    private var lastWorkloadPod: IPAddress?

    public init(limit: Int = 65_536) {
        self.limit = limit
    }

    /// Calico's default IPAM block sizes: /26 for IPv4, /122 for IPv6.
    public static func block(of address: IPAddress) -> IPNetwork {
        IPNetwork(address: address, prefixLength: address.isIPv4 ? 26 : 122)
    }

    /// ARP senders: hosts on that capture point's segment.
    public mutating func learnARP(from packet: Dissection, capturePoint: Int) {
        guard let sender = packet.arp?.senderAddress else { return }
        if arpSenders[capturePoint] == nil && arpSenders.count >= 4096 { return }
        if arpSenders[capturePoint, default: []].count < limit {
            arpSenders[capturePoint, default: []].insert(.v4(sender))
        }
        if let mac = packet.arp?.senderMAC, arpHosts[capturePoint, default: [:]].count < limit {
            arpHosts[capturePoint, default: [:]][mac] = .v4(sender)
        }
    }

    /// Frames to or from a workload veth's host side (ee:ee:ee:ee:ee:ee) name a pod address.
    /// Cheap for every other packet: two integer comparisons.
    public mutating func learnWorkload(from packet: Dissection) {
        guard let ip = packet.ip, packet.tunnels.isEmpty else { return }
        if packet.link.destinationMAC == .calicoWorkloadHost, lastWorkloadPod != ip.source {
            lastWorkloadPod = ip.source
            insertWorkloadPod(ip.source)
        }
        if packet.link.sourceMAC == .calicoWorkloadHost, lastWorkloadPod != ip.destination {
            lastWorkloadPod = ip.destination
            insertWorkloadPod(ip.destination)
        }
    }

    /// Learns from the packet that first showed a flow at a capture point with a carrier: tunnel
    /// endpoints are nodes, Calico tunnels' inner addresses are pods, and plain packets' blocks
    /// are kept per point until the point's role is known. Called once per flow and point, not
    /// per packet.
    public mutating func learn(fromFirstObservation packet: Dissection, capturePoint: Int) {
        guard let ip = packet.ip else { return }
        if packet.isWireGuard {
            insertNode(ip.source)
            insertNode(ip.destination)
            return
        }
        if let tunnel = packet.tunnels.innermost, packet.innermostDecoded {
            if let outermost = packet.tunnels.outermost {
                learnNextHop(packet.link.destinationMAC, destination: outermost.outerDestination, capturePoint: capturePoint)
            }
            insertNode(tunnel.outerSource)
            insertNode(tunnel.outerDestination)
            if isCalicoTunnel(tunnel) {
                insertPod(ip.source, node: tunnel.outerSource)
                insertPod(ip.destination, node: tunnel.outerDestination)
            }
            return
        }
        if packet.tunnels.isEmpty, plainBlocks[capturePoint, default: []].count < Self.blocksPerPoint {
            for address in [ip.source, ip.destination] where address.canBePod {
                plainBlocks[capturePoint, default: []].insert(Self.block(of: address))
            }
            learnOneHopSender(packet, capturePoint: capturePoint)
            learnRouting(packet, capturePoint: capturePoint)
        }
    }

    /// A plain packet one routing hop from its sender: its source block sits behind the MAC it
    /// came from.
    mutating func learnOneHopSender(_ packet: Dissection, capturePoint: Int) {
        guard let mac = packet.link.sourceMAC, let ip = packet.ip, [63, 127, 254].contains(ip.timeToLive) else { return }
        let block = Self.block(of: ip.source)
        guard oneHopSenders[capturePoint]?[block] == nil,
            oneHopSenders[capturePoint, default: [:]].count < Self.blocksPerPoint
        else { return }
        oneHopSenders[capturePoint, default: [:]][block] = mac
    }

    /// IPIP always; VXLAN when it looks like Calico's (VTEP MACs or the default VNI 4096).
    func isCalicoTunnel(_ tunnel: Encapsulation) -> Bool {
        switch tunnel.kind {
        case .ipInIP: true
        case .vxlan: MACAddress.eitherIsCalicoVTEP(tunnel.innerSourceMAC, tunnel.innerDestinationMAC) || tunnel.networkIdentifier == 4096
        default: false
        }
    }

    mutating func insertNode(_ address: IPAddress) {
        if nodeAddresses.count < limit { nodeAddresses.insert(address) }
    }

    mutating func insertWorkloadPod(_ address: IPAddress) {
        guard address.canBePod else { return }
        if !podAddresses.contains(address) && podAddresses.count < limit { workloadPodCount += 1 }
        insertPod(address, node: nil)
    }

    mutating func insertPod(_ address: IPAddress, node: IPAddress?) {
        guard address.canBePod else { return }
        if podAddresses.count < limit { podAddresses.insert(address) }
        guard let node else { return }
        let block = Self.block(of: address)
        let nodes = blockNodes[block]
        // Bounded both ways: at most `limit` blocks, and `nodesPerBlock` nodes per block (a
        // Calico block has one affine node; random outer addresses must not grow it forever).
        guard nodes != nil || blockNodes.count < limit else { return }
        guard nodes?[node] != nil || (nodes?.count ?? 0) < Self.nodesPerBlock else { return }
        blockNodes[block, default: [:]][node, default: 0] += 1
    }
}
