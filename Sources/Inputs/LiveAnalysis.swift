import Analysis
import Capture
import CaptureFile
import Findings
import Wire

#if canImport(Glibc)
import Glibc
#endif

/// One live capture from the devices to the report, without a terminal: opens the devices and
/// installs the filter (`open`), opens the -w file (`openSink`, after privileges were dropped),
/// reads packets into the same `AnalysisSession` the file reader uses until a stop signal, -c,
/// --duration, the devices end or the observer's output closes (`run`), and gives the report
/// with libpcap's counters (`finish`).
public final class LiveAnalysis {
    public let settings: LiveSettings
    public internal(set) var session: AnalysisSession
    public internal(set) var deviceNames: [String] = []
    public internal(set) var captures: [LiveCapture] = []
    public internal(set) var stopReason: LiveStopReason?
    /// Monotonic time (ns) when packets started to be read.
    public internal(set) var started: Int64 = 0
    var captureIndices: [Int] = []
    var processedPerDevice: [Int] = []
    var processed = 0
    var sink: LivePacketSink?
    var writeFailed = false
    var flowStream: FlowStream
    var announcedWarnings: Set<String> = []
    var nextFlowScan: Int64 = 0
    var flowScanInterval: Int64 = 250_000_000
    var nextWriterFlush: Int64 = 0
    var interfaceNames: [UInt32: String] = [:]
    /// `--inner-filter`/`--pod`, compiled once (the command line checks the expression first:
    /// `InnerFilter(expression:)` throws the one-line error).
    let innerFilter: InnerFilter?

    public init(settings: LiveSettings) {
        self.settings = settings
        innerFilter = settings.analysis.innerFilter.flatMap { try? InnerFilter(expression: $0) }
        session = AnalysisSession(options: settings.analysis)
        flowStream = FlowStream(idleTimeout: settings.flowIdleTimeout)
    }

    /// Whether any device delivers cooked (`-i any`) packets.
    public var hasCookedDevice: Bool { captures.contains { $0.linkType.isCooked } }

    /// Opens every device and installs the filter. On failure every device opened so far is
    /// closed and the error (libpcap's one line) is thrown, prefixed by the device when the
    /// filter fails on one of several.
    public func open(warning: (String) -> Void) throws(LiveSetupError) {
        var seen = Set<String>()
        var names: [String] = []
        for requested in settings.interfaces {
            let name = Self.resolve(requested)
            if seen.insert(name).inserted { names.append(name) }
        }
        for name in names {
            do {
                let capture = try LiveCapture(device: name, options: settings.capture)
                if let expression = settings.analysis.filter {
                    try capture.setFilter(expression)
                }
                for message in capture.warnings { warning(message) }
                captures.append(capture)
                deviceNames.append(name)
            } catch {
                for capture in captures { capture.close() }
                captures = []
                deviceNames = []
                if case .filter = error, names.count > 1 { throw LiveSetupError(device: name, error: error) }
                throw LiveSetupError(device: nil, error: error)
            }
        }
        for (index, capture) in captures.enumerated() {
            captureIndices.append(
                session.addCapture(source: deviceNames[index], linkType: capture.linkType, interface: deviceNames[index]))
        }
        processedPerDevice = Array(repeating: 0, count: captures.count)
    }

    /// Opens the -w file, if any, with one interface per device and its name.
    public func openSink() throws(CaptureFileWriterError) {
        guard let path = settings.writePath else { return }
        let interfaces = captures.enumerated().map { index, capture in
            CaptureInterface(
                linkType: capture.linkType, snapLength: capture.snapLength, name: deviceNames[index],
                timestampResolution: settings.capture.nanosecondTimestamps ? 9 : 6)
        }
        sink = try LivePacketSink(path: path, settings: settings, interfaces: interfaces)
    }

    /// tcpdump's `-i N`: a number that names no device is the N-th device of -D.
    static func resolve(_ name: String) -> String {
        guard let number = Int(name), number >= 1, if_nametoindex(name) == 0 else { return name }
        guard let interfaces = try? Interfaces.list(), number <= interfaces.count else { return name }
        return interfaces[number - 1].name
    }
}
