/// When a Calico IP pool encapsulates traffic to its addresses (`ipipMode`, `vxlanMode`).
///
/// The raw values are Calico's own spelling; a mode that is absent (or empty) means `Never`.
public enum EncapsulationMode: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// Every packet to another node is encapsulated.
    case always = "Always"
    /// Encapsulated only towards nodes outside the local node's subnet.
    case crossSubnet = "CrossSubnet"
    /// Never encapsulated.
    case never = "Never"

    /// Reads a configured value: Calico's spelling in any letter case, the v1 API's
    /// `cross-subnet`, and an empty string for `Never`; nil for anything else.
    public init?(configured text: String) {
        let folded = text.trimmingSpaces().lowercased()
        switch folded {
        case "always": self = .always
        case "crosssubnet", "cross-subnet": self = .crossSubnet
        case "never", "": self = .never
        default: return nil
        }
    }

    /// Whether traffic to some node is encapsulated at all.
    public var isEnabled: Bool { self != .never }

    public var description: String { rawValue }
}
