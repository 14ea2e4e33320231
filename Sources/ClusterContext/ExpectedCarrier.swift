/// How Felix's routes should carry a pod-to-pod packet between two nodes.
public enum ExpectedCarrier: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// Both pods are on the same node: no node-to-node hop.
    case local
    /// Routed unencapsulated over the node network.
    case direct
    /// IP-in-IP (protocol 4) between the node addresses, through `tunl0`.
    case ipip
    /// VXLAN (UDP 4789) between the nodes' VTEPs, through `vxlan.calico` or `vxlan-v6.calico`.
    case vxlan
    /// WireGuard (UDP 51820/51821) between nodes that both publish a WireGuard key,
    /// which takes precedence over the pool's IPIP, VXLAN or direct routes.
    case wireGuard = "wireguard"

    public var description: String { rawValue }
}
