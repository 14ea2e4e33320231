import Analysis
import Inputs
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

    @OptionGroup var analysis: AnalysisOptionGroup

    @Option(name: .customLong("captured-on"), help: ArgumentHelp("The interface the files were captured on (eth0, tunl0, vxlan.calico, any, …) when the files do not say.", valueName: "name"))
    var capturedOn: String?

    @Option(name: [.customShort("f"), .customLong("filter")], help: ArgumentHelp("A tcpdump-style BPF filter applied before analysis.", valueName: "expression"))
    var filter: String?

    @Flag(name: [.customShort("n"), .customLong("numeric")], help: "Print addresses, not pod and node names (as tcpdump's -n).")
    var numeric = false

    @Argument(help: ArgumentHelp("Capture files, or, after -r, a BPF filter expression (as tcpdump takes it).", valueName: "file-or-filter"))
    var arguments: [String] = []

    func validate() throws {
        guard !readPaths.isEmpty || !arguments.isEmpty else {
            throw ValidationError("no capture given: use -r FILE (or '-r -' for standard input), or -i IFACE to capture live")
        }
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
        var options = AnalysisOptions(
            paths: paths, podNetworks: analysis.podNetworks, dissect: analysis.dissectOptions,
            capturedOn: capturedOn, filter: filterExpression, maximumFlows: analysis.maximumFlows)
        options.cluster = try analysis.loadCluster()
        let result: AnalysisResult
        do {
            result = try Analyzer.run(options)
        } catch {
            StandardStreams.error(error.description)
            throw ExitCode(ExitStatus.inputUnreadable.rawValue)
        }
        var outputClosed = false
        ReportRendering.write(result, format: analysis.format, numeric: numeric) { text in
            if !outputClosed && !StandardStreams.write(text) { outputClosed = true }
        }
        if result.isPartial {
            for warning in result.warnings {
                StandardStreams.error("warning: " + TerminalText.safe(warning))
            }
            throw ExitCode(ExitStatus.partialInput.rawValue)
        }
    }
}
