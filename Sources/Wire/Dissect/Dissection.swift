/// Everything the flow table and the overlay rules need from one packet, as decoded values:
/// what is absent is nil, never a sentinel. Allocation-free: it holds decoded values in fixed
/// inline storage, never the captured bytes.
public struct Dissection: Sendable {
    /// The capture's own link header (outermost Ethernet, SLL or SLL2).
    public var link = LinkFacts()
    /// An Ethernet/IPv4 ARP message (learns host addresses); nil for every other packet.
    public var arp: ARPFacts?
    /// The tunnels the packet went through, outer to inner.
    public var tunnels = EncapsulationStack()
    /// A WireGuard message: the flow is the UDP session between nodes; its content is opaque.
    public var isWireGuard = false
    /// The innermost IP header that was decoded; nil when the packet has none.
    public var ip: IPFacts?
    /// Where the packet of `ip` lies in the captured bytes: from its IP header to the end of
    /// what was captured of it (a tunnel's packet ends where its outer packet's payload ends).
    /// nil when `ip` is nil. `--inner-filter` runs BPF on these bytes.
    public var ipRange: Range<Int>?
    /// The upper layer of `ip`; nil when none was decoded (a later fragment, a cut header, a tunnel).
    public var transport: TransportFacts?
    /// The outermost IP header's length (total length; the captured length when it says 0, as
    /// TSO writes it): the bytes on the wire above the link layer, tunnels included.
    public var outermostIPLength = 0
    /// Identifies this packet across capture points (same IP ID, lengths and transport fields).
    public var fingerprint: UInt64 = 0
    /// Captured bytes were fewer than a length field claimed somewhere (a snaplen cut).
    public var isTruncated = false
    /// Every anomaly met on the way, in order; the one that stopped decoding, if any, is last.
    public var anomalies = PacketAnomalies()

    public init() {}

    /// Why decoding stopped early; nil when the packet decoded fully.
    public var stopReason: PacketAnomaly? { anomalies.stopReason }

    /// The ports (TCP, UDP) or the echo identifier in both (ICMP echo), when known.
    public var ports: TransportPorts? { transport?.ports }

    /// The innermost packet is the one the tunnels delivered (decoding did not stop in between).
    /// A packet cut off at the encapsulation depth limit is not: its last IP header is a tunnel's.
    public var innermostDecoded: Bool {
        guard let ip else { return false }
        return ip.tunnelDepth == tunnels.count && stopReason != .encapsulationDepthExceeded
    }
}
