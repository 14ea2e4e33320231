/// A pool configuration Calico's validation rejects, found in a cluster file anyway.
public enum PoolConfigurationProblem: Hashable, Sendable, CustomStringConvertible {
    /// `ipipMode` and `vxlanMode` both other than `Never`: "ipipMode and vxlanMode cannot both be enabled".
    case bothEncapsulationsEnabled(ipipMode: EncapsulationMode, vxlanMode: EncapsulationMode)
    /// `ipipMode` other than `Never` on an IPv6 pool: IP-in-IP is IPv4 only.
    case ipipOnIPv6Pool(EncapsulationMode)

    public var description: String {
        switch self {
        case .bothEncapsulationsEnabled(let ipip, let vxlan):
            "ipipMode \(ipip) and vxlanMode \(vxlan) cannot both be enabled"
        case .ipipOnIPv6Pool(let mode):
            "ipipMode \(mode) on an IPv6 pool (IP-in-IP is IPv4 only)"
        }
    }
}
