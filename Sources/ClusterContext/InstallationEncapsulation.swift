/// The operator's per-pool `encapsulation` (`spec.calicoNetwork.ipPools[].encapsulation`), which
/// the operator turns into the pool's `ipipMode` and `vxlanMode`.
public enum InstallationEncapsulation: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case ipip = "IPIP"
    case ipipCrossSubnet = "IPIPCrossSubnet"
    case vxlan = "VXLAN"
    case vxlanCrossSubnet = "VXLANCrossSubnet"
    case none = "None"

    /// The pool's `ipipMode`.
    public var ipipMode: EncapsulationMode {
        switch self {
        case .ipip: .always
        case .ipipCrossSubnet: .crossSubnet
        case .vxlan, .vxlanCrossSubnet, .none: .never
        }
    }

    /// The pool's `vxlanMode`.
    public var vxlanMode: EncapsulationMode {
        switch self {
        case .vxlan: .always
        case .vxlanCrossSubnet: .crossSubnet
        case .ipip, .ipipCrossSubnet, .none: .never
        }
    }

    public var description: String { rawValue }
}
