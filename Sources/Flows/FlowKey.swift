import Wire

/// A direction-free flow identity: the innermost 5-tuple with its endpoints in canonical order.
/// Encapsulation is an attribute of the flow, never part of its key.
public struct FlowKey: Hashable, Sendable, Comparable {
    public var lower: Endpoint
    public var upper: Endpoint
    public var protocolNumber: IPProtocol

    /// Builds the canonical key and tells which way the packet went.
    public init(source: Endpoint, destination: Endpoint, protocolNumber: IPProtocol) {
        self.protocolNumber = protocolNumber
        if destination < source {
            lower = destination
            upper = source
        } else {
            lower = source
            upper = destination
        }
    }

    /// `.forward` when the packet went from `lower` to `upper`.
    public func direction(ofPacketFrom source: Endpoint) -> Direction {
        source == lower ? .forward : .reverse
    }

    public static func < (lhs: FlowKey, rhs: FlowKey) -> Bool {
        (lhs.protocolNumber, lhs.lower, lhs.upper) < (rhs.protocolNumber, rhs.lower, rhs.upper)
    }
}

extension FlowKey {
    /// Feeds packed words rather than each enum payload: fewer bytes through SipHash per lookup.
    public func hash(into hasher: inout Hasher) {
        switch (lower.address, upper.address) {
        case (.v4(let a), .v4(let b)):
            hasher.combine(UInt64(a.rawValue) << 32 | UInt64(b.rawValue))
        case (.v6(let a), .v6(let b)):
            hasher.combine(a.high ^ (b.high &* 0x9e37_79b9_7f4a_7c15))
            hasher.combine(a.low ^ (b.low &* 0xc2b2_ae3d_27d4_eb4f))
        default:
            hasher.combine(lower.address)
            hasher.combine(upper.address)
        }
        hasher.combine(UInt64(lower.port) << 24 | UInt64(upper.port) << 8 | UInt64(protocolNumber.rawValue))
    }
}
