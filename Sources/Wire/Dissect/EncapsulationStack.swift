/// The tunnels a packet went through, ordered outer to inner (index 0 is the tunnel whose outer
/// header the capture shows). At most `capacity`; a full stack refuses the push.
///
/// Almost every packet has zero, one or two tunnels, so the innermost and the outermost are
/// stored inline (reading them touches one field, never the whole stack) and only a third or
/// deeper tunnel (mirror tunnels around an overlay's, fuzzed input) goes to a small array
/// allocated then. Dissections stay small: they are copied once per packet.
public struct EncapsulationStack: RandomAccessCollection, Sendable {
    /// The most tunnels one packet can record (`--max-tunnel-depth` is at most this).
    public static let capacity = 8
    /// The outermost tunnel when there are two or more (with one, it is `innermost`).
    private var outer: Encapsulation?
    /// Tunnels between the outermost and the innermost, outer to inner.
    private var middle: [Encapsulation] = []
    /// The innermost tunnel (the last element); nil when the stack is empty.
    public private(set) var innermost: Encapsulation?
    public private(set) var count = 0

    public init() {}

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(position: Int) -> Encapsulation {
        precondition(position >= 0 && position < count, "tunnel index out of range")
        let stored: Encapsulation?
        if position == count - 1 {
            stored = innermost
        } else if position == 0 {
            stored = outer
        } else {
            stored = middle.indices.contains(position - 1) ? middle[position - 1] : nil
        }
        guard let stored else { preconditionFailure("tunnel slot below count is empty") }
        return stored
    }

    // Direct accessors: the generic `Collection` ones would copy the whole stack to read one slot.
    public var isEmpty: Bool { count == 0 }
    /// The outermost tunnel (the one whose outer header the capture shows).
    public var outermost: Encapsulation? { count > 1 ? outer : innermost }
    public var first: Encapsulation? { outermost }
    public var last: Encapsulation? { innermost }

    /// Appends a tunnel inside the others; false when the stack is full.
    @discardableResult
    public mutating func push(_ encapsulation: Encapsulation) -> Bool {
        guard count < Self.capacity else { return false }
        if let innermost {
            if count == 1 { outer = innermost } else { middle.append(innermost) }
        }
        innermost = encapsulation
        count += 1
        return true
    }

    /// Changes the innermost tunnel (e.g. to add the inner Ethernet addresses); nothing when empty.
    public mutating func updateInnermost(_ body: (inout Encapsulation) -> Void) {
        guard var tunnel = innermost else { return }
        body(&tunnel)
        innermost = tunnel
    }
}
