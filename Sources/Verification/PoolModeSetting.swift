/// An IP pool's `ipipMode` or `vxlanMode` value.
public enum PoolModeSetting: String, Sendable, Hashable, CaseIterable {
    case always = "Always"
    case crossSubnet = "CrossSubnet"
    case never = "Never"
}
