/// What the dissector needs from an IPv4 or IPv6 header, so that both are walked by one path.
struct IPLayerFacts {
    var source: IPAddress
    var destination: IPAddress
    /// The upper-layer protocol (after IPv6 extension headers).
    var protocolNumber: IPProtocol
    var ipLength: Int
    var identification: UInt32
    var timeToLive: UInt8
    var isFragment: Bool
    var fragmentOffset: Int
    var isTruncated: Bool
    var payloadRange: Range<Int>

    init(_ header: IPv4Header) {
        source = .v4(header.source)
        destination = .v4(header.destination)
        protocolNumber = header.protocolNumber
        ipLength = header.ipLength
        identification = UInt32(header.identification)
        timeToLive = header.timeToLive
        isFragment = header.isFragment
        fragmentOffset = header.fragmentOffset
        isTruncated = header.isTruncated
        payloadRange = header.payloadRange
    }

    init(_ header: IPv6Header) {
        source = .v6(header.source)
        destination = .v6(header.destination)
        protocolNumber = header.upperLayerProtocol
        ipLength = header.ipLength
        identification = header.fragmentIdentification
        timeToLive = header.hopLimit
        isFragment = header.isFragment
        fragmentOffset = header.fragmentOffset
        isTruncated = header.isTruncated
        payloadRange = header.payloadRange
    }

    /// The public facts of this header, enclosed by `tunnelDepth` tunnels.
    func facts(tunnelDepth: Int) -> IPFacts {
        IPFacts(
            source: source, destination: destination, protocolNumber: protocolNumber, length: ipLength,
            identification: identification, timeToLive: timeToLive,
            fragment: isFragment ? (fragmentOffset == 0 ? .first : .later) : nil, tunnelDepth: tunnelDepth)
    }
}
