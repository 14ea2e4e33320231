import Wire

/// One direction of a TCP flow in the few numbers the MTU and checksum diagnoses need, updated
/// per segment in constant time and space (no list of segments): how far the sender got, what it
/// acknowledged of its peer, its largest segments, and the oldest retransmitted segment that was
/// not acknowledged when it was sent again (where a flow stalls).
public struct SegmentProgress: Sendable, Hashable {
    // Stored in 32-bit fields (64 bytes a direction): a flow table of a million flows keeps them.
    public private(set) var started = false
    public private(set) var acknowledges = false
    /// The sequence number of the first data byte (after the SYN, when one was seen).
    public private(set) var initialSequence: UInt32 = 0
    /// One past the highest sequence number sent.
    public private(set) var highestEnd: UInt32 = 0
    /// The highest acknowledgment number this side sent: what it received of its peer.
    public private(set) var highestAcknowledgment: UInt32 = 0
    /// The stall: the oldest segment sent again while unacknowledged, its largest size, how many
    /// times segments at or after it were sent again, and when.
    public private(set) var stallSequence: UInt32 = 0
    private var lastEnd: UInt32 = 0
    private var largestSegmentStored: Int32 = 0
    private var largestDeliveredStored: Int32 = 0
    private var retransmissionsStored: Int32 = 0
    private var stallSegmentStored: Int32 = 0
    private var stallRetransmissionsStored: Int32 = 0
    private var lastPayload: Int32 = 0
    public private(set) var stallFirst: Int64 = 0
    public private(set) var stallLast: Int64 = 0

    /// The largest payload sent (a GSO/TSO super-frame on the sender's own capture can exceed the MTU).
    public var largestSegment: Int { Int(largestSegmentStored) }
    /// The largest payload of a segment the peer acknowledged exactly up to its end.
    public var largestDelivered: Int { Int(largestDeliveredStored) }
    /// Data segments sent again (their end was already sent).
    public var retransmissions: Int { Int(retransmissionsStored) }
    public var stallSegment: Int { Int(stallSegmentStored) }
    public var stallRetransmissions: Int { Int(stallRetransmissionsStored) }

    public init() {}

    /// Whether `a` is after `b` in sequence space (RFC 1982 serial arithmetic).
    static func after(_ a: UInt32, _ b: UInt32) -> Bool { a != b && (a &- b) < 0x8000_0000 }

    /// Bytes of this side's data its peer acknowledged.
    public func deliveredBytes(acknowledgedBy peer: SegmentProgress) -> Int {
        guard started, peer.acknowledges, Self.after(peer.highestAcknowledgment, initialSequence) else { return 0 }
        return Int(peer.highestAcknowledgment &- initialSequence)
    }

    /// Whether the stall's segments were still unacknowledged by `peer` at the end.
    public func isStalled(acknowledgedBy peer: SegmentProgress) -> Bool {
        stallRetransmissions > 0 && !(peer.acknowledges && Self.after(peer.highestAcknowledgment, stallSequence))
    }

    /// Records the acknowledgment in a segment this side sent; notes the peer's segment it covers exactly.
    mutating func acknowledge(_ number: UInt32, peer: inout SegmentProgress) {
        guard !acknowledges || Self.after(number, highestAcknowledgment) else { return }
        highestAcknowledgment = number
        acknowledges = true
        if peer.started, number == peer.lastEnd { peer.largestDeliveredStored = max(peer.largestDeliveredStored, peer.lastPayload) }
    }

    /// Records a segment this side sent, at `time`.
    mutating func send(_ tcp: TCPFacts, peer: SegmentProgress, time: Int64) {
        let syn: UInt32 = tcp.flags.contains(.syn) ? 1 : 0
        let fin: UInt32 = tcp.flags.contains(.fin) ? 1 : 0
        let payload = Int32(clamping: tcp.payloadLength)
        let start = tcp.sequenceNumber &+ syn
        let end = start &+ UInt32(truncatingIfNeeded: payload) &+ fin
        guard started else {
            started = true
            initialSequence = start
            highestEnd = end
            lastEnd = end
            lastPayload = payload
            largestSegmentStored = payload
            return
        }
        guard payload > 0 else {
            if Self.after(end, highestEnd) { highestEnd = end }
            return
        }
        if Self.after(end, highestEnd) {
            highestEnd = end
            lastEnd = end
            lastPayload = payload
            largestSegmentStored = max(largestSegmentStored, payload)
            return
        }
        retransmissionsStored &+= 1
        // Already acknowledged: a spurious retransmission, no stall.
        if peer.acknowledges, !Self.after(end, peer.highestAcknowledgment) { return }
        if stallRetransmissionsStored == 0 || (peer.acknowledges && Self.after(peer.highestAcknowledgment, stallSequence)) {
            stallSequence = start
            stallSegmentStored = payload
            stallRetransmissionsStored = 1
            stallFirst = time
        } else {
            stallRetransmissionsStored &+= 1
            stallSegmentStored = max(stallSegmentStored, payload)
            if Self.after(stallSequence, start) { stallSequence = start }
        }
        stallLast = time
    }
}
