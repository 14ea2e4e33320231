/// What the dissector needs from an IPv4 or IPv6 header, so that both are walked by one path:
/// the public facts, and where the payload lies.
struct IPLayerFacts {
    var facts: IPFacts
    var isTruncated: Bool
    var payloadRange: Range<Int>

    @inline(__always)
    init(_ header: IPv4Header, tunnelDepth: Int) {
        facts = IPFacts(
            source: .v4(header.source), destination: .v4(header.destination), protocolNumber: header.protocolNumber,
            length: header.ipLength, identification: UInt32(header.identification), timeToLive: header.timeToLive,
            fragment: Self.position(isFragment: header.isFragment, offset: header.fragmentOffset),
            tunnelDepth: tunnelDepth)
        isTruncated = header.isTruncated
        payloadRange = header.payloadRange
    }

    @inline(__always)
    init(_ header: IPv6Header, tunnelDepth: Int) {
        facts = IPFacts(
            source: .v6(header.source), destination: .v6(header.destination),
            protocolNumber: header.upperLayerProtocol, length: header.ipLength,
            identification: header.fragmentIdentification, timeToLive: header.hopLimit,
            fragment: Self.position(isFragment: header.isFragment, offset: header.fragmentOffset),
            tunnelDepth: tunnelDepth)
        isTruncated = header.isTruncated
        payloadRange = header.payloadRange
    }

    static func position(isFragment: Bool, offset: Int) -> FragmentPosition? {
        isFragment ? (offset == 0 ? .first : .later) : nil
    }
}
