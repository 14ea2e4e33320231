/// Every kind of thing calicap tells the user, by a stable kebab-case name. Scripts and CI
/// expectations refer to these names: add new ones, never rename.
public enum FindingCode: String, Sendable, Hashable, CaseIterable {
    // Inputs: files and devices.
    case unsupportedLinkType = "unsupported-link-type"
    case damagedCapture = "damaged-capture"
    case emptyCapture = "empty-capture"
    case captureDeviceFailed = "capture-device-failed"
    case captureWriteFailed = "capture-write-failed"
    case kernelDrops = "kernel-drops"
    /// A capture point stated by the user (`--captured-on`) that its packets contradict.
    case capturePointContradicted = "capture-point-contradicted"
    /// The outer BPF filter dropped every packet of a tunnelled capture (use `--inner-filter`).
    case filterSeesOuterHeaders = "filter-sees-outer-headers"
    // One flow.
    case severalModes = "several-modes"
    case notCalicoCarrier = "not-calico-carrier"
    case seenOnlyOnWorkloadVeth = "seen-only-on-workload-veth"
    case noReply = "no-reply"
    case icmpError = "icmp-error"
    // Diagnosis over the whole capture.
    case unansweredPodFlows = "unanswered-pod-flows"
    case directAcrossSubnetsUnrouted = "direct-across-subnets-unrouted"
    case asymmetricEncapsulation = "asymmetric-encapsulation"
    case mtuFragmentationNeeded = "mtu-fragmentation-needed"
    case mtuBlackhole = "mtu-blackhole"
    case offloadSuperFrames = "offload-super-frames"
    case encapsulationOverhead = "encapsulation-overhead"
    case badOuterChecksum = "bad-outer-checksum"
    /// Overlays that are not Calico's pod encapsulation (Flannel, Cilium, Geneve, GRE, ERSPAN,
    /// Calico eBPF NodePort forwarding), named and left out of the pool reading.
    case notCalicoOverlay = "not-calico-overlay"
    /// With cluster files that turn WireGuard on: pod traffic between nodes seen unencrypted.
    case plaintextWhereWireGuardExpected = "plaintext-where-wireguard-expected"
    // The pool.
    case carrierChanged = "carrier-changed"
    case wireGuardBetweenNodes = "wireguard-between-nodes"
    case noInterNodePodFlow = "no-inter-node-pod-flow"
    case wireGuardHidesMode = "wireguard-hides-mode"
    case mixedEncapsulation = "mixed-encapsulation"
    case noSubnetBoundary = "no-subnet-boundary"
    case directPairNodesUnknown = "direct-pair-nodes-unknown"
    case tunnelDeviceOnly = "tunnel-device-only"
    case alwaysOrCrossSubnet = "always-or-crosssubnet"
    case neverOrCrossSubnet = "never-or-crosssubnet"
    /// What the pool verdict rests on: flows, node pairs by subnet, where the pods came from.
    case verdictBasis = "verdict-basis"
    // The capture against the cluster's files.
    case poolMismatch = "pool-mismatch"
    case nodeSelectorNotEvaluated = "node-selector-not-evaluated"

    /// The finding's scope: inputs make a report partial, traffic does not.
    public var scope: FindingScope {
        switch self {
        case .unsupportedLinkType, .damagedCapture, .emptyCapture, .captureDeviceFailed, .captureWriteFailed,
            .kernelDrops, .capturePointContradicted:
            .input
        default:
            .traffic
        }
    }

    /// Whether the finding means part of the input was lost (a damaged file, a device gone):
    /// then, at warning severity, the report is partial.
    public var losesInput: Bool {
        switch self {
        case .unsupportedLinkType, .damagedCapture, .emptyCapture, .captureDeviceFailed, .captureWriteFailed: true
        default: false
        }
    }
}
