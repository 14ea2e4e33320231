import ArgumentParser
import ClusterContext
import Report
import Wire

/// The options that shape the analysis, shared by `analyze` (files) and `capture` (live).
struct AnalysisOptionGroup: ParsableArguments {
    @Option(name: .long, help: "Output format: table, json, jsonl (one flow a line) or csv.")
    var format: ReportFormat = .table

    @Option(name: .customLong("pod-cidr"), help: ArgumentHelp("A pod IP pool, e.g. 10.244.0.0/16. Repeatable. Default: learned from the capture plus Calico's default pool.", valueName: "cidr"))
    var podCIDRs: [String] = []

    @Option(name: .customLong("vxlan-port"), help: ArgumentHelp("Another UDP port to decode as VXLAN (4789 always is), e.g. 8472 for Flannel. Repeatable.", valueName: "port"))
    var vxlanPorts: [UInt16] = []

    @Flag(name: .customLong("no-vxlan-detection"), help: "Do not recognise VXLAN by its header on other UDP ports.")
    var noVXLANDetection = false

    @Option(name: .customLong("cluster"), help: ArgumentHelp("The cluster's own files: kubectl get nodes/pods -o yaml|json, kubectl get pods -A -o wide, calicoctl get node/ippool -o yaml|json, the operator's Installation. Repeatable. Names pods and nodes and compares the pool's configuration with the capture.", valueName: "file"))
    var clusterFiles: [String] = []

    @Option(name: .customLong("max-flows"), help: "Flows kept in memory; beyond it the least recently seen are evicted and counted.")
    var maximumFlows = 1_000_000

    @Option(name: .customLong("max-tunnel-depth"), help: "Nested tunnels followed before `encapsulation_depth_exceeded` (1-8).")
    var maximumTunnelDepth = 4

    func validate() throws {
        for cidr in podCIDRs where IPNetwork(cidr) == nil {
            throw ValidationError("--pod-cidr '\(cidr)' is not an address/prefix such as 10.244.0.0/16")
        }
        guard (1...8).contains(maximumTunnelDepth) else {
            throw ValidationError("--max-tunnel-depth must be between 1 and 8")
        }
        guard maximumFlows >= 1 else { throw ValidationError("--max-flows must be at least 1") }
    }

    var dissectOptions: DissectOptions {
        var dissect = DissectOptions(maximumEncapsulationDepth: maximumTunnelDepth)
        dissect.vxlanPorts = Array(Set([4789] + vxlanPorts)).sorted()
        dissect.detectsVXLANByHeader = !noVXLANDetection
        return dissect
    }

    var podNetworks: [IPNetwork] { podCIDRs.compactMap { IPNetwork($0) } }

    /// The cluster files merged, or nil without any; a bad file is one line on stderr and exit 2.
    func loadCluster() throws -> ClusterContext? {
        guard !clusterFiles.isEmpty else { return nil }
        do {
            return try ClusterContextLoader.loadContext(paths: clusterFiles)
        } catch {
            StandardStreams.error(TerminalText.safe(error.description))
            throw ExitCode(ExitStatus.usage.rawValue)
        }
    }
}
