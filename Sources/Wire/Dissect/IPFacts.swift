/// The innermost IPv4 or IPv6 header a packet showed.
public struct IPFacts: Sendable, Hashable {
    public var source: IPAddress
    public var destination: IPAddress
    /// The upper-layer protocol (after IPv6 extension headers).
    public var protocolNumber: IPProtocol
    /// Bytes to count: the IP total length (0 in the header, as TSO writes it, means the captured length).
    public var length: Int
    /// The IPv4 identification, or the IPv6 fragment header's identification (0 without one).
    public var identification: UInt32
    /// The IPv4 time to live or the IPv6 hop limit.
    public var timeToLive: UInt8
    /// Where the packet lies in a fragmented datagram; nil when it is not a fragment.
    public var fragment: FragmentPosition?
    /// How many tunnels enclose this header (0 for the outermost).
    public var tunnelDepth: Int

    public init(
        source: IPAddress, destination: IPAddress, protocolNumber: IPProtocol, length: Int,
        identification: UInt32 = 0, timeToLive: UInt8 = 64, fragment: FragmentPosition? = nil, tunnelDepth: Int = 0
    ) {
        self.source = source
        self.destination = destination
        self.protocolNumber = protocolNumber
        self.length = length
        self.identification = identification
        self.timeToLive = timeToLive
        self.fragment = fragment
        self.tunnelDepth = tunnelDepth
    }

    public var isFragment: Bool { fragment != nil }
    /// A fragment with offset zero: carries the upper-layer header.
    public var isFirstFragment: Bool { fragment == .first }
    /// A fragment with a non-zero offset: no upper-layer header in it.
    public var isLaterFragment: Bool { fragment == .later }
}
