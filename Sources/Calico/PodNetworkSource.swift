/// Where the pod networks came from.
public enum PodNetworkSource: String, Sendable, Hashable {
    /// `--pod-cidr`, or the pools of the cluster's files.
    case given
    /// One pool inferred from the pod blocks the packets prove, all in one private range.
    case inferred
    /// Pod blocks the packets prove, in no single private range: only those blocks.
    case learned
    /// Pod blocks the packets prove, and Calico's default pool assumed beside them.
    case learnedAndAssumed = "learned-and-assumed"
    /// Nothing proved a pod: Calico's default pool (or its fallback) assumed.
    case assumed
    /// Nothing proved a pod and no default pool fits: no pod networks.
    case none
}
