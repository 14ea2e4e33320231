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
