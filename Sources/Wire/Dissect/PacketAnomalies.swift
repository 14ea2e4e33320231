/// The anomalies of one packet, in the order they were met, in fixed inline storage (no heap).
///
/// At most `capacity` are kept; later ones are counted in `overflowCount`, except an anomaly that
/// stops decoding: it takes the last place, so why decoding stopped is never lost.
public struct PacketAnomalies: RandomAccessCollection, Sendable {
    public static let capacity = 4
    private var slot0: PacketAnomaly?
    private var slot1: PacketAnomaly?
    private var slot2: PacketAnomaly?
    private var slot3: PacketAnomaly?
    public private(set) var count = 0
    /// Anomalies met but not kept (the storage was full).
    public private(set) var overflowCount = 0

    public init() {}

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(position: Int) -> PacketAnomaly {
        precondition(position >= 0 && position < count, "anomaly index out of range")
        let stored: PacketAnomaly?
        switch position {
        case 0: stored = slot0
        case 1: stored = slot1
        case 2: stored = slot2
        default: stored = slot3
        }
        guard let stored else { preconditionFailure("anomaly slot below count is empty") }
        return stored
    }

    /// Records an anomaly after the ones already met.
    public mutating func append(_ anomaly: PacketAnomaly) {
        guard count < Self.capacity else {
            overflowCount += 1
            if anomaly.stopsDecoding { store(anomaly, at: Self.capacity - 1) }
            return
        }
        store(anomaly, at: count)
        count += 1
    }

    /// The anomaly that stopped decoding (always the last one), if any.
    public var stopReason: PacketAnomaly? {
        guard let last, last.stopsDecoding else { return nil }
        return last
    }

    /// The last anomaly that did not stop decoding, if any.
    public var lastIrregularity: PacketAnomaly? {
        last(where: { !$0.stopsDecoding })
    }

    private mutating func store(_ anomaly: PacketAnomaly, at position: Int) {
        switch position {
        case 0: slot0 = anomaly
        case 1: slot1 = anomaly
        case 2: slot2 = anomaly
        default: slot3 = anomaly
        }
    }
}
