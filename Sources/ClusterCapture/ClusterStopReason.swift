/// Why a cluster capture ended.
public enum ClusterStopReason: Equatable, Sendable {
    case signal(Int32)
    case duration
    case count
    /// Every node's stream ended by itself (or failed).
    case streamsEnded
}
