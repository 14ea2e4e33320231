import Analysis
import ArgumentParser
import Report
import Wire

#if canImport(Glibc)
import Glibc
#endif

extension ReportFormat: ExpressibleByArgument {}

/// `calicap analyze`: read capture files and report each flow's Calico mode.
struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Analyse capture files (the default command: `calicap -r FILE` does the same).")

    @Option(name: [.customShort("r"), .customLong("read")], help: ArgumentHelp("A pcap or pcapng file to read; '-' is standard input. Repeatable.", valueName: "file"))
    var readPaths: [String] = []

    @Option(name: .long, help: "Output format: table, json, jsonl (one flow a line) or csv.")
    var format: ReportFormat = .table

    @Option(name: .customLong("pod-cidr"), help: ArgumentHelp("A pod IP pool, e.g. 10.244.0.0/16. Repeatable. Default: learned from the capture plus Calico's default pool.", valueName: "cidr"))
    var podCIDRs: [String] = []

    @Option(name: .customLong("vxlan-port"), help: ArgumentHelp("Another UDP port to decode as VXLAN (4789 always is), e.g. 8472 for Flannel. Repeatable.", valueName: "port"))
    var vxlanPorts: [UInt16] = []

    @Flag(name: .customLong("no-vxlan-detection"), help: "Do not recognise VXLAN by its header on other UDP ports.")
    var noVXLANDetection = false

    @Option(name: .customLong("captured-on"), help: ArgumentHelp("The interface the files were captured on (eth0, tunl0, vxlan.calico, any, …) when the files do not say.", valueName: "name"))
    var capturedOn: String?

    @Option(name: [.customShort("f"), .customLong("filter")], help: ArgumentHelp("A tcpdump-style BPF filter applied before analysis.", valueName: "expression"))
    var filter: String?

    @Option(name: .customLong("max-flows"), help: "Flows kept in memory; beyond it the least recently seen are evicted and counted.")
    var maximumFlows = 1_000_000

    @Option(name: .customLong("max-tunnel-depth"), help: "Nested tunnels followed before `encapsulation_depth_exceeded` (1-8).")
    var maximumTunnelDepth = 4

    @Argument(help: ArgumentHelp("Capture files, or, after -r, a BPF filter expression (as tcpdump takes it).", valueName: "file-or-filter"))
    var arguments: [String] = []

    func validate() throws {
        guard !readPaths.isEmpty || !arguments.isEmpty else {
            throw ValidationError("no capture given: use -r FILE (or '-r -' for standard input)")
        }
        for cidr in podCIDRs where IPNetwork(cidr) == nil {
            throw ValidationError("--pod-cidr '\(cidr)' is not an address/prefix such as 10.244.0.0/16")
        }
        guard (1...8).contains(maximumTunnelDepth) else {
            throw ValidationError("--max-tunnel-depth must be between 1 and 8")
        }
        guard maximumFlows >= 1 else { throw ValidationError("--max-flows must be at least 1") }
    }

    /// Trailing words are files when no -r was given, or when each names an existing file;
    /// otherwise they are a filter expression, as with tcpdump.
    func inputs() -> (paths: [String], filter: String?) {
        if readPaths.isEmpty { return (arguments, filter) }
        if arguments.isEmpty { return (readPaths, filter) }
        if arguments.allSatisfy({ access($0, F_OK) == 0 }) { return (readPaths + arguments, filter) }
        let trailing = arguments.joined(separator: " ")
        return (readPaths, filter.map { "(\($0)) and (\(trailing))" } ?? trailing)
    }

    func run() throws {
        let (paths, filterExpression) = inputs()
        var dissect = DissectOptions(maximumEncapsulationDepth: maximumTunnelDepth)
        dissect.vxlanPorts = Array(Set([4789] + vxlanPorts)).sorted()
        dissect.detectsVXLANByHeader = !noVXLANDetection
        let options = AnalysisOptions(
            paths: paths, podNetworks: podCIDRs.compactMap { IPNetwork($0) }, dissect: dissect,
            capturedOn: capturedOn, filter: filterExpression, maximumFlows: maximumFlows)
        let result: AnalysisResult
        do {
            result = try Analyzer.run(options)
        } catch {
            StandardStreams.error(error.description)
            throw ExitCode(ExitStatus.inputUnreadable.rawValue)
        }
        switch format {
        case .table: StandardStreams.write(TableReport.render(result))
        case .json: StandardStreams.write(JSONReport.render(result))
        case .jsonl: StandardStreams.write(JSONLinesReport.render(result))
        case .csv: StandardStreams.write(CSVReport.render(result))
        }
        if result.isPartial {
            for warning in result.warnings {
                StandardStreams.error("warning: " + TerminalText.safe(warning))
            }
            throw ExitCode(ExitStatus.partialInput.rawValue)
        }
    }
}
