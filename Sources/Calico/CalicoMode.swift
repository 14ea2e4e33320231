/// The verdict on which Calico mode carried a flow.
public enum CalicoMode: String, Sendable, Hashable, CaseIterable, Comparable {
    case ipip
    case vxlan
    case direct
    /// Encrypted between nodes: the overlay mode under WireGuard cannot be seen.
    case wireguard
    /// Same node: the flow never reached the underlay.
    case local
    /// Several carriers (e.g. the pool changed mid-capture).
    case mixed
    case unknown

    public static func < (lhs: CalicoMode, rhs: CalicoMode) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}
