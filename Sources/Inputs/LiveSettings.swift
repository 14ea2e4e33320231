import Analysis
import Capture
import CaptureFile

/// Everything a live capture needs, as plain values: the command line's choices.
public struct LiveSettings: Sendable {
    /// Devices as given (`-i`, repeatable; a number names the N-th device of `-D`).
    public var interfaces: [String]
    /// The analysis (pod networks, tunnels, flow limit) and the BPF filter (`filter`).
    public var analysis: AnalysisOptions
    public var capture: LiveCaptureOptions
    /// `-c`: stop after this many packets.
    public var count: Int?
    /// `--duration`, in seconds.
    public var durationSeconds: Double?
    /// `-w`: where packets are saved ("-" is standard output), in which format, rotated how.
    public var writePath: String?
    public var writeFormat: CaptureFileWriterFormat
    public var rotation: CaptureFileWriterRotation
    /// `-U` or `--immediate`: flush the -w file after every packet.
    public var flushesEachRecord: Bool
    /// The application name written into pcapng files.
    public var application: String
    /// `--format jsonl`: hand out flows as they finish.
    public var streamsFlows: Bool
    /// `--flow-timeout`, in nanoseconds.
    public var flowIdleTimeout: Int64
    /// `-v`: hand out every packet's dissection.
    public var showsPackets: Bool

    public init(
        interfaces: [String], analysis: AnalysisOptions, capture: LiveCaptureOptions, count: Int?,
        durationSeconds: Double?, writePath: String?, writeFormat: CaptureFileWriterFormat,
        rotation: CaptureFileWriterRotation, flushesEachRecord: Bool, application: String, streamsFlows: Bool,
        flowIdleTimeout: Int64, showsPackets: Bool
    ) {
        self.interfaces = interfaces
        self.analysis = analysis
        self.capture = capture
        self.count = count
        self.durationSeconds = durationSeconds
        self.writePath = writePath
        self.writeFormat = writeFormat
        self.rotation = rotation
        self.flushesEachRecord = flushesEachRecord
        self.application = application
        self.streamsFlows = streamsFlows
        self.flowIdleTimeout = flowIdleTimeout
        self.showsPackets = showsPackets
    }
}
