import Wire

extension ClusterContext {
    /// The FelixConfiguration that applies to a node: `node.NAME`, else `default`.
    func felixSettings(forNode name: String) -> [FelixSettings] {
        let own = felixConfigurations.filter { $0.nodeName == name }
        let global = felixConfigurations.filter { $0.name == "default" }
        return own + global
    }

    /// Whether the files say WireGuard is on for a node in one address family, and why: the
    /// node's `FelixConfiguration` (`node.NAME`, else `default`) sets `wireguardEnabled`
    /// (`wireguardEnabledV6`), or, where none sets it, the node publishes a WireGuard public key
    /// (calico-node does so only once WireGuard is enabled). Nil: the files do not say it is on.
    public func wireGuardReason(forNode node: ClusterNode, ipv6: Bool) -> String? {
        for settings in felixSettings(forNode: node.name) {
            guard let enabled = ipv6 ? settings.wireGuardEnabledV6 : settings.wireGuardEnabled else { continue }
            let field = ipv6 ? "wireguardEnabledV6" : "wireguardEnabled"
            return enabled ? "FelixConfiguration \(settings.name) sets \(field): true (\(settings.source.file))" : nil
        }
        guard node.wireGuardKey(forIPv6: ipv6) != nil else { return nil }
        return "\(node.name) publishes a WireGuard\(ipv6 ? " IPv6" : "") public key (\(node.sources.first?.file ?? "node file"))"
    }

    /// Calico's VXLAN VNIs: Felix's default 4096 unless a FelixConfiguration sets `vxlanVNI`
    /// (every value set is taken: per-node resources may differ).
    public var calicoVXLANVNIs: Set<UInt32> {
        let configured = felixConfigurations.compactMap(\.vxlanVNI)
        let defaultSet = felixConfigurations.contains { $0.name == "default" && $0.vxlanVNI != nil }
        return Set(configured).union(defaultSet ? [] : [4096])
    }

    /// Every node's VTEP MAC (given, or derived by Felix's rule), both families.
    public var calicoVTEPMACs: Set<MACAddress> {
        Set(nodes.flatMap { node in [false, true].map { node.vxlanTunnelMAC(forIPv6: $0).address } })
    }
}
