/// The pool's behaviour as the capture shows it, with the settings it implies.
public struct ObservedPool: Sendable, Hashable {
    /// `Always`, `CrossSubnet`, `Never`, `WireGuard`, `Mixed` or `Unknown`.
    public var behaviour: String
    /// `ipip` or `vxlan` when one encapsulation is in use.
    public var encapsulation: String?
    /// The settings the capture implies; nil where it cannot tell.
    public var ipipMode: PoolModeSetting?
    public var vxlanMode: PoolModeSetting?
    /// Why the settings cannot be told, when they cannot.
    public var undecidedReason: String?

    public init(
        behaviour: String, encapsulation: String? = nil, ipipMode: PoolModeSetting? = nil,
        vxlanMode: PoolModeSetting? = nil, undecidedReason: String? = nil
    ) {
        self.behaviour = behaviour
        self.encapsulation = encapsulation
        self.ipipMode = ipipMode
        self.vxlanMode = vxlanMode
        self.undecidedReason = undecidedReason
    }

    /// The observed value of one setting.
    public func setting(_ field: PoolField) -> PoolModeSetting? {
        switch field {
        case .ipipMode: ipipMode
        case .vxlanMode: vxlanMode
        }
    }

    /// `CrossSubnet (ipip)`, `Never`, …
    public var summary: String {
        encapsulation.map { "\(behaviour) (\($0))" } ?? behaviour
    }
}
