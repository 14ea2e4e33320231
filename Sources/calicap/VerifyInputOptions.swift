import ArgumentParser
import Wire

/// How `calicap verify` reads its captures: the analysis options of `calicap analyze` (without
/// `--format`, which verify uses for its own report).
struct VerifyInputOptions: ParsableArguments {
    @Option(name: [.customShort("r"), .customLong("read")], help: ArgumentHelp("A pcap or pcapng file to judge. Repeatable (merged by time); captures may also be given as plain arguments.", valueName: "file"))
    var readPaths: [String] = []

    @Option(name: .customLong("pod-cidr"), help: ArgumentHelp("A pod IP pool. Repeatable. Default: learned from the capture.", valueName: "cidr"))
    var podCIDRs: [String] = []

    @Option(name: .customLong("vxlan-port"), help: ArgumentHelp("Another UDP port to decode as VXLAN. Repeatable.", valueName: "port"))
    var vxlanPorts: [UInt16] = []

    @Flag(name: .customLong("no-vxlan-detection"), help: "Do not recognise VXLAN by its header on other UDP ports.")
    var noVXLANDetection = false

    @Option(name: .customLong("max-flows"), help: "Flows kept in memory.")
    var maximumFlows = 1_000_000

    @Option(name: .customLong("max-tunnel-depth"), help: "Nested tunnels followed (1-8).")
    var maximumTunnelDepth = 4

    @Option(name: .customLong("captured-on"), help: ArgumentHelp("The interface the files were captured on, when the files do not say.", valueName: "name"))
    var capturedOn: String?

    @Option(name: [.customShort("f"), .customLong("filter")], help: ArgumentHelp("A tcpdump-style BPF filter applied before judging.", valueName: "expression"))
    var filter: String?

    @OptionGroup var inner: InnerFilterOptions

    func validate() throws {
        for cidr in podCIDRs where IPNetwork(cidr) == nil {
            throw ValidationError("--pod-cidr '\(cidr)' is not an address/prefix such as 10.244.0.0/16")
        }
        guard (1...8).contains(maximumTunnelDepth) else { throw ValidationError("--max-tunnel-depth must be between 1 and 8") }
        guard maximumFlows >= 1 else { throw ValidationError("--max-flows must be at least 1") }
        if let capturedOn, !CapturePointNaming.isDeviceName(capturedOn) {
            throw ValidationError("--captured-on: '\(capturedOn)' is not a capture point calicap knows; accepted: \(CapturePointNaming.accepted)")
        }
    }

    func request(paths: [String]) -> VerificationRequest {
        VerificationRequest(
            paths: paths, podNetworks: podCIDRs.compactMap { IPNetwork($0) }, vxlanPorts: vxlanPorts,
            detectsVXLANByHeader: !noVXLANDetection, maximumTunnelDepth: maximumTunnelDepth, capturedOn: capturedOn,
            filter: filter, innerFilter: inner.expression, maximumFlows: maximumFlows)
    }
}
