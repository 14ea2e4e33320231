/// What an ICMP or ICMPv6 message says: its type, and the flow it belongs to (an echo's
/// identifier) or reports on (the packet an error quotes).
public struct ICMPFacts: Sendable, Hashable {
    public var type: UInt8
    public var code: UInt8
    /// Bytes 4-5 of the header (meaningful for echo and other query messages).
    public var identifier: UInt16
    /// Bytes 6-7 of the header (meaningful for echo and other query messages).
    public var sequenceNumber: UInt16
    /// Whether the message is an echo request or reply; nil for every other message.
    public var echo: ICMPEcho?
    /// The packet an error quotes, when at least its IP header is there.
    public var quoted: QuotedPacket?
    /// Up to eight leading bytes of the message body, packed big-endian (for the fingerprint).
    public var payloadDigest: UInt64

    public init(
        type: UInt8, code: UInt8 = 0, identifier: UInt16 = 0, sequenceNumber: UInt16 = 0, echo: ICMPEcho? = nil,
        quoted: QuotedPacket? = nil, payloadDigest: UInt64 = 0
    ) {
        self.type = type
        self.code = code
        self.identifier = identifier
        self.sequenceNumber = sequenceNumber
        self.echo = echo
        self.quoted = quoted
        self.payloadDigest = payloadDigest
    }
}
