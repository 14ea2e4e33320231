import Wire

/// A node as the cluster's files describe it, for `summary.nodes`.
public struct ClusterNodeSummary: Sendable, Hashable {
    public var name: String
    public var addresses: [IPAddress]
    /// The Calico IPv4 and IPv6 addresses with their prefixes (`192.168.10.101/24`).
    public var subnet: String?
    public var subnetV6: String?
    public var ipipTunnelAddress: String?
    public var vxlanTunnelAddress: String?
    public var vxlanTunnelAddressV6: String?
    public var vtepMAC: MACAddress
    /// Whether the VTEP MAC was derived from the name (as Felix does) rather than given.
    public var vtepMACDerived: Bool
    public var wireGuard: Bool
}
