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
    /// The anomaly that stopped decoding (always the last one), if any. Kept apart as well, so
    /// that reading it for every packet touches one field.
    public private(set) var stopReason: PacketAnomaly?
    /// The last anomaly met that did not stop decoding, if any.
    public private(set) var lastIrregularity: PacketAnomaly?

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
        if anomaly.stopsDecoding { stopReason = anomaly } else { lastIrregularity = anomaly }
        guard count < Self.capacity else {
            overflowCount += 1
            if anomaly.stopsDecoding { store(anomaly, at: Self.capacity - 1) }
            return
        }
        store(anomaly, at: count)
        count += 1
    }

    // Direct accessors, cheap for the usual packet without anomalies (the generic `Collection`
    // ones would copy the whole list).
    public var isEmpty: Bool { count == 0 }
    public var last: PacketAnomaly? { count == 0 ? nil : self[count - 1] }



    private mutating func store(_ anomaly: PacketAnomaly, at position: Int) {
        switch position {
        case 0: slot0 = anomaly
        case 1: slot1 = anomaly
        case 2: slot2 = anomaly
        default: slot3 = anomaly
        }
    }
}
