import Calico

/// The one-line summary a live capture keeps refreshed on a terminal:
/// `eth0, tunl0 | 00:01:23 | 12345 packets, 120/s | 48 flows: direct 24, ipip 24`.
public struct LiveStatus: Sendable {
    /// Flows per Calico mode (what `AnalysisSession.currentModeCounts()` returns).
    public typealias ModeCounts = [CalicoMode: Int]

    public var devices: [String]
    public var elapsedSeconds: Int64
    public var packets: Int
    public var packetsPerSecond: Double
    public var flows: Int
    /// Flows per mode, when computed (nil while too expensive to refresh).
    public var modes: ModeCounts?

    public init(
        devices: [String], elapsedSeconds: Int64, packets: Int, packetsPerSecond: Double, flows: Int,
        modes: ModeCounts?
    ) {
        self.devices = devices
        self.elapsedSeconds = elapsedSeconds
        self.packets = packets
        self.packetsPerSecond = packetsPerSecond
        self.flows = flows
        self.modes = modes
    }

    /// The line, cut to `width - 1` characters so that it never wraps (no newline).
    public func render(width: Int) -> String {
        let elapsed = max(0, elapsedSeconds)
        let clock = "\(TimestampText.padded(elapsed / 3600, 2)):\(TimestampText.padded(elapsed / 60 % 60, 2)):"
            + TimestampText.padded(elapsed % 60, 2)
        let rate = packetsPerSecond < 10 && packetsPerSecond > 0
            ? String(Double(Int(packetsPerSecond * 10)) / 10) : String(Int(packetsPerSecond.rounded()))
        var line = "\(devices.map(TerminalText.safe).joined(separator: ", ")) | \(clock) | \(packets) packets, \(rate)/s | \(flows) flows"
        if let modes, !modes.isEmpty {
            let counted = modes.sorted { $0.key < $1.key }.map { "\($0.key.rawValue) \($0.value)" }
            line += ": " + counted.joined(separator: ", ")
        }
        let limit = max(10, width - 1)
        if line.count > limit {
            line = String(line.prefix(limit - 1)) + "…"
        }
        return line
    }
}
