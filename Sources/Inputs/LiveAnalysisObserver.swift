import Analysis
import Calico
import Wire

/// What a live capture hands to its front end while it runs: each packet (with `-v`), flows as
/// they finish (with `--format jsonl`), warnings as they happen, and a chance to draw a status.
/// Every call comes from the capture loop's thread, between packets.
public protocol LiveAnalysisObserver: AnyObject {
    /// One packet, dissected once for both the analysis and the line printed for it; `device` is
    /// the name of the interface it came from (for `-i any`, the SLL2 interface when known).
    /// Returns false when the output is gone, which ends the capture.
    func packet(_ dissection: Dissection, time: Int64, device: String) -> Bool
    /// Flows that finished or went idle, in first-seen order. False when the output is gone.
    func completed(_ flows: [AnalyzedFlow]) -> Bool
    /// Between batches of packets: flush output, redraw a status line. False when the output is gone.
    func idle(_ analysis: LiveAnalysis, now: Int64) -> Bool
    /// A warning as it happens (a device gone, the -w file not written); it is in the report too.
    func warning(_ message: String)
}
