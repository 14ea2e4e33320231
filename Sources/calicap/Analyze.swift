import Analysis
import Findings
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
        abstract: "Analyse capture files (the default command: `calicap -r FILE` does the same).",
        discussion: """
            \(HelpText.analyzeExamples)

            \(HelpText.modes)

            \(HelpText.capturePoints)

            \(HelpText.filters)
            """)

    @Option(name: [.customShort("r"), .customLong("read")], help: ArgumentHelp("A pcap or pcapng file to read; '-' is standard input. Repeatable.", valueName: "file"))
    var readPaths: [String] = []

    @OptionGroup var analysis: AnalysisOptionGroup

    @OptionGroup var inner: InnerFilterOptions

    @Option(name: .customLong("captured-on"), help: ArgumentHelp("The interface the files were captured on (eth0, tunl0, vxlan.calico, any, router, …) when the files do not say; FILE=NAME for one file. Repeatable.", valueName: "[file=]name"))
    var capturedOn: [String] = []

    @Option(name: [.customShort("f"), .customLong("filter")], help: ArgumentHelp("A tcpdump-style BPF filter applied before analysis.", valueName: "expression"))
    var filter: String?

    @Flag(name: [.customShort("n"), .customLong("numeric")], help: "Print addresses, not pod and node names (as tcpdump's -n).")
    var numeric = false

    @Option(name: [.customShort("c"), .customLong("count")], help: ArgumentHelp("Read only the first N packets (those the filter lets through), as tcpdump's -c.", valueName: "N"))
    var count: Int?

    @Flag(name: [.customShort("v"), .customLong("verbose")], help: "Print each packet, prefixed by its carrier, as the live -v does, before the report.")
    var verbose: Int

    @Option(name: .customLong("threads"), help: ArgumentHelp("Threads that analyse (default 1): one reads and decodes, the others keep disjoint shards of the flows. The report is the same for any number. On 2 cores today more threads are slower, not faster.", valueName: "N"))
    var threads: Int?

    @Flag(inversion: .prefixedNo, help: "A progress bar on stderr while reading files (bytes of total, packets/s, time left; per file for several). Default: when stderr is a terminal.")
    var progress: Bool?

    @Argument(help: ArgumentHelp("Capture files, or, after -r, a BPF filter expression (as tcpdump takes it).", valueName: "file-or-filter"))
    var arguments: [String] = []

    static let noCaptureMessage = "no capture given: use -r FILE (or '-r -' for standard input), or -i IFACE to capture live"

    func validate() throws {
        guard !readPaths.isEmpty || !arguments.isEmpty else { throw ValidationError(Self.noCaptureMessage) }
        if let count, count < 1 { throw ValidationError("-c must be at least 1") }
        if let threads, !(1...256).contains(threads) { throw ValidationError("--threads must be between 1 and 256") }
        _ = try CapturePointNaming(capturedOn, paths: inputs().paths)
    }

    /// The paths without repeats (the first of each kept, compared by their real path); a
    /// warning for each repeat. Standard input is not a file that can be read again: `-` named
    /// twice stays, and the reader refuses it (one error line, exit 3).
    static func distinct(_ paths: [String]) -> [String] {
        var seen = Set<String>()
        var kept: [String] = []
        for path in paths {
            if path == "-" || seen.insert(CapturePointNaming.identity(path)).inserted {
                kept.append(path)
            } else {
                StandardStreams.error("warning: " + TerminalText.safe(path) + " given more than once, read once")
            }
        }
        return kept
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

    /// Reads the files; with -v, each packet's line goes to `packetOutput` as it is read.
    func analyse(_ options: AnalysisOptions, packetOutput: OutputBuffer) throws(AnalysisError) -> AnalysisResult {
        // Packet lines go to stdout; a progress bar between them would only garble a terminal.
        let bar = verbose > 0 ? nil : ProgressBar(paths: options.paths, enabled: progress)
        defer { bar?.clear() }
        guard verbose > 0 else { return try Analyzer.run(options, packetLimit: count, progress: bar.map { $0.update }) }
        var line = PacketLine(utcOffsetSeconds: Int64(Clock.utcOffsetSeconds()))
        line.showsInterface = options.paths.count > 1
        return try Analyzer.run(options, packetLimit: count, onPacket: { packet, time, interface in
            packetOutput.append(line.render(packet, time: time, interface: interface) + "\n")
            return !packetOutput.failed
        })
    }

    func run() throws {
        let (givenPaths, filterExpression) = inputs()
        let paths = Self.distinct(givenPaths)
        var options = AnalysisOptions(
            paths: paths, podNetworks: analysis.podNetworks, dissect: analysis.dissectOptions,
            capturedOn: nil, filter: filterExpression, maximumFlows: analysis.maximumFlows)
        let naming = try CapturePointNaming(capturedOn, paths: paths)
        options.innerFilter = inner.expression
        options.capturedOn = naming.everyFile
        options.capturedOnBySource = naming.bySource
        options.cluster = try analysis.loadCluster()
        options.threads = threads ?? 1
        let result: AnalysisResult
        let packetOutput = OutputBuffer(descriptor: 1)
        do {
            result = try analyse(options, packetOutput: packetOutput)
        } catch {
            StandardStreams.error(error.description)
            throw ExitCode(ExitStatus.inputUnreadable.rawValue)
        }
        packetOutput.flush()
        var outputClosed = packetOutput.failed
        ReportRendering.write(result, format: analysis.format, numeric: numeric) { text in
            if !outputClosed && !StandardStreams.write(text) { outputClosed = true }
        }
        for finding in result.inputWarnings + result.findings.filter({ $0.code == .filterSeesOuterHeaders }) {
            StandardStreams.error("warning: " + TerminalText.safe(finding.detail))
        }
        if result.isPartial {
            for warning in result.warnings {
                StandardStreams.error("warning: " + TerminalText.safe(warning))
            }
            throw ExitCode(ExitStatus.partialInput.rawValue)
        }
    }
}
