/// What a UDP header says about its flow.
public struct UDPFacts: Sendable, Hashable {
    public var sourcePort: UInt16
    public var destinationPort: UInt16
    /// Up to eight leading bytes of the datagram, packed big-endian (for the fingerprint).
    public var payloadDigest: UInt64

    public init(sourcePort: UInt16, destinationPort: UInt16, payloadDigest: UInt64 = 0) {
        self.sourcePort = sourcePort
        self.destinationPort = destinationPort
        self.payloadDigest = payloadDigest
    }
}
