extension CapturePointRole {
    /// The device names a user may state for a capture (`--captured-on`), as patterns for
    /// messages: the devices of a Calico node and its neighbours that `init(interfaceName:)`
    /// understands, and `router` for a router port.
    public static let statedNamePatterns = [
        "eth*", "en*", "em*", "bond*", "br*", "team*", "vlan*", "p1p1", "router", "tunl0", "vxlan.calico",
        "vxlan-v6.calico", "wireguard.cali", "wg-v6.cali", "cali*", "flannel.*", "cilium_*", "lo", "any",
    ]

    /// Prefixes of uplink device names: classic (eth0), predictable (ens5, enp0s3, eno1),
    /// bonds, bridges, teams and VLAN devices.
    static let uplinkPrefixes = ["eth", "en", "em", "bond", "br", "team", "vlan"]
    /// Prefixes of the devices a role other than the uplink stands for.
    static let deviceNamePrefixes = ["tunl", "ipip", "vxlan", "flannel.", "cilium_", "wireguard", "wg", "cali"]

    /// Whether `name` is a device calicap knows what to make of when a user states it: the
    /// role it implies is then `init(interfaceName:)`'s. `foo` is not: a typo must not silently
    /// become an uplink.
    public static func recognises(statedName name: String) -> Bool {
        let lower = name.lowercased()
        if ["router", "any", "lo", "loopback"].contains(lower) { return true }
        if (uplinkPrefixes + deviceNamePrefixes).contains(where: { lower.hasPrefix($0) }) { return true }
        // Old-style PCI names: p1p1, p2p1.
        if lower.hasPrefix("p"), let second = lower.dropFirst().first, second.isNumber { return true }
        return false
    }
}
