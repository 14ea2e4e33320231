/// An IP pool's `ipipMode` or `vxlanMode`, as Calico spells it.
public enum PoolEncapsulationMode: String, Sendable, Hashable, CaseIterable {
    case always = "Always"
    case crossSubnet = "CrossSubnet"
    case never = "Never"
}
