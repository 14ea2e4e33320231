/// The tunnels a packet went through, ordered outer to inner. Fixed capacity, no allocation.
public struct EncapsulationStack: Sendable {
    public static let capacity = 8
    private var storage: InlineArray<8, Encapsulation>
    public private(set) var count: Int

    public init() {
        let placeholder = Encapsulation(
            kind: .ipInIP, outerSource: .v4(IPv4Address(rawValue: 0)), outerDestination: .v4(IPv4Address(rawValue: 0)))
        storage = InlineArray(repeating: placeholder)
        count = 0
    }

    public var isEmpty: Bool { count == 0 }

    /// The innermost tunnel: the one that delivered the innermost packet.
    public var innermost: Encapsulation? { count == 0 ? nil : storage[count - 1] }
    public var outermost: Encapsulation? { count == 0 ? nil : storage[0] }

    public subscript(index: Int) -> Encapsulation {
        get { storage[index] }
        set { storage[index] = newValue }
    }

    /// Appends a tunnel; false when the stack is full.
    @discardableResult
    public mutating func push(_ encapsulation: Encapsulation) -> Bool {
        guard count < Self.capacity else { return false }
        storage[count] = encapsulation
        count += 1
        return true
    }

    public mutating func updateInnermost(_ body: (inout Encapsulation) -> Void) {
        guard count > 0 else { return }
        body(&storage[count - 1])
    }

    public var elements: [Encapsulation] { (0..<count).map { storage[$0] } }
}
