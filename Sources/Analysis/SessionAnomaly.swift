/// Anomalies the session itself finds, beyond what one packet shows (`PacketAnomaly`); counted
/// under these stable names with the packet anomalies in `summary.anomalies`.
enum SessionAnomaly: String, Sendable, Hashable {
    /// A later fragment whose first fragment (with the ports) was never seen.
    case fragmentWithoutFirst = "fragment_without_first"
}
