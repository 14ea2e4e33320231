/// One packet of a node's stream, copied out of the reader's buffer so it can wait for the
/// other nodes' packets of the same moment.
struct StreamPacket: Sendable {
    /// Nanoseconds since the epoch, from the capture.
    var time: Int64
    /// The stream's pcap/pcapng interface.
    var interfaceIndex: Int
    var bytes: [UInt8]
    /// Monotonic time (ns) when calicap received it: how long it has waited for the others.
    var arrived: Int64 = 0
}
