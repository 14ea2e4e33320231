/// What a `FelixConfiguration` sets that calicap reads: WireGuard on or off, and Calico's own
/// VXLAN VNI and port (so that its tunnels are told from other overlays'). The resource named
/// `default` applies to every node; `node.NAME` to one node, over the default.
public struct FelixSettings: Hashable, Sendable {
    public let name: String
    /// `spec.wireguardEnabled` (IPv4), nil when not set.
    public let wireGuardEnabled: Bool?
    /// `spec.wireguardEnabledV6`, nil when not set.
    public let wireGuardEnabledV6: Bool?
    /// `spec.vxlanVNI`, nil when not set (Felix's default is 4096).
    public let vxlanVNI: UInt32?
    /// `spec.vxlanPort`, nil when not set (Felix's default is 4789).
    public let vxlanPort: UInt16?
    public let source: ClusterSource

    public init(
        name: String, wireGuardEnabled: Bool?, wireGuardEnabledV6: Bool?, vxlanVNI: UInt32?, vxlanPort: UInt16?,
        source: ClusterSource
    ) {
        self.name = name
        self.wireGuardEnabled = wireGuardEnabled
        self.wireGuardEnabledV6 = wireGuardEnabledV6
        self.vxlanVNI = vxlanVNI
        self.vxlanPort = vxlanPort
        self.source = source
    }

    /// The node a `node.NAME` resource applies to; nil for `default` and other names.
    public var nodeName: String? {
        name.hasPrefix("node.") ? String(name.dropFirst("node.".count)) : nil
    }
}
