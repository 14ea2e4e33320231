/// How the IP pool as a whole behaves, judged from its pod-to-pod flows between nodes.
public enum PoolBehaviour: String, Sendable, Hashable {
    /// Every inter-node pod flow encapsulated (`ipipMode`/`vxlanMode: Always`).
    case always = "Always"
    /// Encapsulated across the subnet boundary, direct within it.
    case crossSubnet = "CrossSubnet"
    /// No encapsulation (`Never` for both modes).
    case never = "Never"
    /// Encrypted between nodes: the overlay mode under WireGuard cannot be seen.
    case wireguard = "WireGuard"
    /// Encapsulation changed during the capture, or pairs disagree in a way no pool setting explains.
    case mixed = "Mixed"
    /// No inter-node pod-to-pod flow in the capture.
    case unknown = "Unknown"
}
