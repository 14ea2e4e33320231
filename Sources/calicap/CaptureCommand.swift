import ArgumentParser
import Capture
import Report

/// `calicap capture` (or simply `calicap -i IFACE`): capture live, show each flow's Calico mode.
struct CaptureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capture",
        abstract: "Capture live on one or more devices (`calicap -i eth0 [filter]` does the same).",
        discussion: """
            Like tcpdump: `calicap -i eth0 udp port 4789`, `calicap -i eth0 -i tunl0 -w both.pcapng`. \
            Ctrl-C (SIGINT), SIGTERM, -c or --duration end the capture with the same report as \
            `calicap -r`, then libpcap's statistics on stderr. A second Ctrl-C exits at once.

            -w writes pcapng with each device's name (so `calicap -r` of the file gives the same \
            verdicts); a .pcap name or --pcap writes classic pcap, which loses the interface name \
            (read it back with --captured-on NAME) and holds a single device.

            Needs root, or CAP_NET_RAW and CAP_NET_ADMIN. Exit status: 0 report printed; 2 usage \
            error; 3 cannot capture (no permission, no such interface, bad filter, cannot create \
            the -w file, unknown -Z user); 4 report printed, but an interface went away or the -w \
            file could not be written.

            \(HelpText.captureExamples)

            \(HelpText.capturePoints)

            \(HelpText.filters)
            """)

    @Option(name: [.customShort("i"), .customLong("interface")], help: ArgumentHelp("A device to capture on (eth0, tunl0, vxlan.calico, any, or a number from -D). Repeatable: several devices are captured together.", valueName: "iface"))
    var interfaces: [String] = []

    @Flag(name: [.customShort("D"), .customLong("list-interfaces")], help: "List the capture devices and exit.")
    var listInterfaces = false

    @Option(name: [.customShort("c"), .customLong("count")], help: ArgumentHelp("Stop after this many packets.", valueName: "count"))
    var count: Int?

    @Option(name: .customLong("duration"), help: ArgumentHelp("Stop after this many seconds.", valueName: "seconds"))
    var duration: Double?

    @Option(name: [.customShort("s"), .customLong("snapshot-length")], help: ArgumentHelp("Bytes kept of each packet; 0 means the default, 262144.", valueName: "snaplen"))
    var snapLength = LiveCaptureOptions.defaultSnapLength

    @Flag(name: [.customShort("p"), .customLong("no-promiscuous-mode")], help: "Do not put the devices in promiscuous mode.")
    var noPromiscuousMode = false

    /// Four times libpcap's 2 MiB: a burst of small packets must not be dropped while the
    /// analysis catches up.
    static let defaultBufferKiB = 8192

    @Option(name: [.customShort("B"), .customLong("buffer-size")], help: ArgumentHelp("The kernel capture buffer, in KiB (default 8192; libpcap's own default is 2048).", valueName: "KiB"))
    var bufferSizeKiB: Int?

    @Flag(name: [.customLong("immediate"), .customLong("immediate-mode")], help: "Deliver packets as they arrive (no 100 ms batching); also flushes -w on each packet.")
    var immediate = false

    @Flag(name: .customShort("n"), help: "Do not resolve names (calicap never does; accepted as in tcpdump, also as -nn).")
    var numeric: Int

    @Option(name: [.customShort("w"), .customLong("write")], help: ArgumentHelp("Also save the raw packets: pcapng with device names (classic pcap for a .pcap name or with --pcap); '-' is standard output, and the report then goes to stderr.", valueName: "file"))
    var writePath: String?

    @Flag(name: .customLong("pcap"), help: "Write -w as classic pcap (one device; the interface name is lost).")
    var classicPcap = false

    @Option(name: .customShort("C"), help: ArgumentHelp("With -w: start a new file when the current one exceeds this size, in millions of bytes (or with a k, m, g suffix: KiB, MiB, GiB). Files are FILE, FILE1, FILE2, …", valueName: "size"))
    var fileSize: String?

    @Option(name: .customShort("G"), help: ArgumentHelp("With -w: start a new file every this many seconds; FILE may hold strftime(3) codes (-w 'eth0-%H%M%S.pcapng').", valueName: "seconds"))
    var rotateSeconds: Int?

    @Option(name: .customShort("W"), help: ArgumentHelp("With -C: keep this many files, overwriting the oldest (FILE0 … FILEn); with -G alone: stop after this many files.", valueName: "count"))
    var fileCount: Int?

    @Flag(name: [.customShort("U"), .customLong("packet-buffered")], help: "Write each packet to the -w file as it is captured.")
    var packetBuffered = false

    @Flag(name: [.customShort("v"), .customLong("verbose")], help: "Print each packet, prefixed by its carrier, as tcpdump -nn would (IPIP a > b | …, VXLAN 4096 a > b | …, direct | …).")
    var verbose: Int

    @Flag(name: .customShort("t"), help: "Packet line timestamps as tcpdump: -t none, -tt epoch seconds, -ttt delta, -tttt date and time, -ttttt since the first.")
    var timestampFlags: Int

    @Option(name: .customLong("flow-timeout"), help: ArgumentHelp("With --format jsonl: a flow idle this many seconds is printed (finished TCP flows are printed at once).", valueName: "seconds"))
    var flowTimeout: Double = 60

    @Option(name: [.customShort("Z"), .customLong("relinquish-privileges")], help: ArgumentHelp("After opening the devices, switch to this user (and its group) before writing any file.", valueName: "user"))
    var user: String?

    @Option(name: [.customShort("f"), .customLong("filter")], help: ArgumentHelp("A BPF filter (also given as the trailing words).", valueName: "expression"))
    var filter: String?

    @OptionGroup var analysis: AnalysisOptionGroup

    @OptionGroup var inner: InnerFilterOptions

    @Argument(help: ArgumentHelp("A tcpdump-style BPF filter expression, e.g. `udp port 4789` or `host 10.0.0.5`.", valueName: "filter"))
    var filterWords: [String] = []

    func validate() throws {
        if listInterfaces { return }
        guard !interfaces.isEmpty else {
            throw ValidationError("no interface given: use -i IFACE (calicap -D lists them), or -r FILE to read a capture")
        }
        if let count, count < 1 { throw ValidationError("-c must be at least 1") }
        if let duration, !(duration > 0) || !duration.isFinite { throw ValidationError("--duration must be a positive number of seconds") }
        guard snapLength >= 0 else { throw ValidationError("-s must be 0 (the default) or a positive number of bytes") }
        if let bufferSizeKiB, bufferSizeKiB < 1 || bufferSizeKiB > 4_194_304 {
            throw ValidationError("-B must be between 1 and 4194304 KiB")
        }
        guard flowTimeout > 0, flowTimeout.isFinite else { throw ValidationError("--flow-timeout must be a positive number of seconds") }
        if let fileSize, ByteSize(fileSize) == nil {
            throw ValidationError("-C '\(fileSize)' is not a size such as 100 (millions of bytes), 512k, 64m or 2g")
        }
        if let rotateSeconds, rotateSeconds < 1 { throw ValidationError("-G must be at least 1 second") }
        if let fileCount, fileCount < 1 { throw ValidationError("-W must be at least 1") }
        let rotates = fileSize != nil || rotateSeconds != nil
        if rotates && writePath == nil { throw ValidationError("-C and -G need -w FILE") }
        if fileCount != nil && !rotates { throw ValidationError("-W needs -C or -G") }
        if writePath == "-" && rotates { throw ValidationError("-C and -G cannot rotate standard output (-w -)") }
        if writePath == nil && (classicPcap || packetBuffered) {
            throw ValidationError("\(classicPcap ? "--pcap" : "-U") needs -w FILE")
        }
        if writesClassicPcap && Set(interfaces).count > 1 {
            throw ValidationError(
                "classic pcap holds one device and \(Set(interfaces).count) are captured: name the -w file .pcapng (and drop --pcap)")
        }
    }

    /// Classic pcap for --pcap or a `.pcap` file name; pcapng otherwise.
    var writesClassicPcap: Bool {
        guard let writePath else { return false }
        return classicPcap || writePath.lowercased().hasSuffix(".pcap")
    }

    /// The trailing words joined, combined with -f.
    var filterExpression: String? { FilterExpression.combine(option: filter, words: filterWords) }

    func run() throws {
        if listInterfaces {
            do {
                StandardStreams.write(InterfaceListing.tcpdumpStyle(try Interfaces.list()))
            } catch {
                StandardStreams.error(error.description)
                throw ExitCode(ExitStatus.inputUnreadable.rawValue)
            }
            return
        }
        try inner.check()
        let status = LiveRun(command: self, cluster: try analysis.loadCluster()).run()
        if status != ExitStatus.success { throw ExitCode(status.rawValue) }
    }
}
