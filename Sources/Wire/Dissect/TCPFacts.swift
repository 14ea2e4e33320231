/// What a TCP header says about its flow.
public struct TCPFacts: Sendable, Hashable {
    public var sourcePort: UInt16
    public var destinationPort: UInt16
    public var flags: TCPFlags
    public var sequenceNumber: UInt32
    public var acknowledgmentNumber: UInt32
    /// Payload bytes the IP length claims (IP length less the IP and TCP headers), whatever was captured.
    public var payloadLength: Int

    public init(
        sourcePort: UInt16, destinationPort: UInt16, flags: TCPFlags = TCPFlags(), sequenceNumber: UInt32 = 0,
        acknowledgmentNumber: UInt32 = 0, payloadLength: Int = 0
    ) {
        self.sourcePort = sourcePort
        self.destinationPort = destinationPort
        self.flags = flags
        self.sequenceNumber = sequenceNumber
        self.acknowledgmentNumber = acknowledgmentNumber
        self.payloadLength = payloadLength
    }
}
