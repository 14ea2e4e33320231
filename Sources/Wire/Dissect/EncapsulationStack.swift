/// The tunnels a packet went through, ordered outer to inner (index 0 is the tunnel whose outer
/// header the capture shows). Fixed inline storage for `capacity` tunnels: pushing never
/// allocates, and a full stack refuses the push.
public struct EncapsulationStack: RandomAccessCollection, Sendable {
    /// The most tunnels one packet can record (`--max-tunnel-depth` is at most this).
    public static let capacity = 8
    private var slot0: Encapsulation?
    private var slot1: Encapsulation?
    private var slot2: Encapsulation?
    private var slot3: Encapsulation?
    private var slot4: Encapsulation?
    private var slot5: Encapsulation?
    private var slot6: Encapsulation?
    private var slot7: Encapsulation?
    public private(set) var count = 0

    public init() {}

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(position: Int) -> Encapsulation {
        precondition(position >= 0 && position < count, "tunnel index out of range")
        guard let stored = slot(position) else { preconditionFailure("tunnel slot below count is empty") }
        return stored
    }

    /// Appends a tunnel inside the others; false when the stack is full.
    @discardableResult
    public mutating func push(_ encapsulation: Encapsulation) -> Bool {
        guard count < Self.capacity else { return false }
        store(encapsulation, at: count)
        count += 1
        return true
    }

    /// Changes the innermost tunnel (e.g. to add the inner Ethernet addresses); nothing when empty.
    public mutating func updateInnermost(_ body: (inout Encapsulation) -> Void) {
        guard count > 0, var innermost = slot(count - 1) else { return }
        body(&innermost)
        store(innermost, at: count - 1)
    }

    private func slot(_ position: Int) -> Encapsulation? {
        switch position {
        case 0: slot0
        case 1: slot1
        case 2: slot2
        case 3: slot3
        case 4: slot4
        case 5: slot5
        case 6: slot6
        default: slot7
        }
    }

    private mutating func store(_ encapsulation: Encapsulation, at position: Int) {
        switch position {
        case 0: slot0 = encapsulation
        case 1: slot1 = encapsulation
        case 2: slot2 = encapsulation
        case 3: slot3 = encapsulation
        case 4: slot4 = encapsulation
        case 5: slot5 = encapsulation
        case 6: slot6 = encapsulation
        default: slot7 = encapsulation
        }
    }
}
