import Analysis
import Capture

/// How a live capture ended: the report, and per device what it captured and libpcap's counters.
public struct LiveOutcome {
    public var result: AnalysisResult
    public var stopReason: LiveStopReason?
    public var deviceNames: [String]
    /// Packets handed to the analysis, per device.
    public var processedPerDevice: [Int]
    /// libpcap's statistics per device, where it gave them.
    public var statistics: [CaptureStatistics?]
    /// Warnings already handed to the observer while capturing.
    public var announcedWarnings: Set<String>
    /// Whether the -w file could not be written.
    public var writeFailed: Bool
}
