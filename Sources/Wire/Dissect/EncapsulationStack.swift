/// The tunnels a packet went through, ordered outer to inner.
///
/// Almost every packet has zero, one or two tunnels, so the first two live inline and deeper
/// ones (mirror tunnels around an overlay's, fuzzed input) go to a small array allocated only then.
/// The innermost tunnel is also kept inline, so reading it never touches the array.
public struct EncapsulationStack: Sendable {
    /// The most tunnels one packet can record (`--max-tunnel-depth` is at most this).
    public static let capacity = 8
    private var first: Encapsulation?
    private var second: Encapsulation?
    private var deeper: [Encapsulation] = []
    /// A copy of the last element.
    public private(set) var innermost: Encapsulation?
    public private(set) var count = 0

    public init() {}

    public var isEmpty: Bool { count == 0 }

    /// The outermost tunnel (the one whose outer header the capture shows).
    public var outermost: Encapsulation? { first }

    /// The tunnel at `index` (0 = outermost); `index` must be below `count`.
    public subscript(index: Int) -> Encapsulation {
        get {
            switch index {
            case 0: return first ?? Self.placeholder
            case 1: return second ?? Self.placeholder
            default: return deeper.indices.contains(index - 2) ? deeper[index - 2] : Self.placeholder
            }
        }
        set {
            switch index {
            case 0 where count > 0: first = newValue
            case 1 where count > 1: second = newValue
            default:
                guard index >= 2, deeper.indices.contains(index - 2) else { return }
                deeper[index - 2] = newValue
            }
            if index == count - 1 { innermost = newValue }
        }
    }

    /// Appends a tunnel; false when the stack is full.
    @discardableResult
    public mutating func push(_ encapsulation: Encapsulation) -> Bool {
        switch count {
        case 0: first = encapsulation
        case 1: second = encapsulation
        case Self.capacity...: return false
        default: deeper.append(encapsulation)
        }
        innermost = encapsulation
        count += 1
        return true
    }

    public mutating func updateInnermost(_ body: (inout Encapsulation) -> Void) {
        guard count > 0, var last = innermost else { return }
        body(&last)
        self[count - 1] = last
    }

    public var elements: [Encapsulation] { (0..<count).map { self[$0] } }

    static let placeholder = Encapsulation(
        kind: .ipInIP, outerSource: .v4(IPv4Address(rawValue: 0)), outerDestination: .v4(IPv4Address(rawValue: 0)))
}
