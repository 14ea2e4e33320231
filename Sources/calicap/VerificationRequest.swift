import ClusterContext
import Wire

/// What `calicap verify` reads and how: the analysis options of `calicap analyze`, in the
/// adapter's terms.
struct VerificationRequest {
    var paths: [String]
    var podNetworks: [IPNetwork] = []
    var vxlanPorts: [UInt16] = []
    var detectsVXLANByHeader = true
    var maximumTunnelDepth = 4
    var capturedOn: String?
    var filter: String?
    /// `--inner-filter`/`--pod`: BPF on each packet's innermost IP packet.
    var innerFilter: String?
    var maximumFlows = 1_000_000
    /// The `--cluster` files, for names and the pools' configuration.
    var cluster: ClusterContext?
}
