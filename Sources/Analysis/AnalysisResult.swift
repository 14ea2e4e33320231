import Calico
import Flows
import Wire

/// Everything a report needs.
public struct AnalysisResult: Sendable {
    public var captures: [CaptureSummary]
    public var capturePoints: [CapturePoint]
    /// In deterministic order: first seen, then key.
    public var flows: [AnalyzedFlow]
    public var pool: PoolAssessment
    public var addresses: AddressPlan
    /// Packet records read, over all captures.
    public var packets: Int
    /// Packets that were not IP (ARP, LLDP, …).
    public var nonIPPackets: Int
    /// Packets counted once although seen at several capture points.
    public var duplicatePackets: Int
    /// Packets cut short by the snapshot length (decoded as far as captured).
    public var truncatedPackets: Int
    /// Packets dropped by the BPF filter.
    public var filteredPackets: Int
    /// Stable anomaly name → count.
    public var anomalies: [String: Int]
    /// Problems with the files themselves (truncated tail, bad blocks, unsupported link types).
    public var warnings: [String]
    /// Remarks that do not make the report partial (kernel drops during a live capture, …).
    public var notices: [String]
    public var evictedFlows: Int
    public var evictedPackets: Int

    /// Whether some input was damaged, so the report may be incomplete.
    public var isPartial: Bool { !warnings.isEmpty }

    public var modeCounts: [CalicoMode: Int] {
        flows.reduce(into: [:]) { $0[$1.verdict.mode, default: 0] += 1 }
    }

    public var kindCounts: [FlowKind: Int] {
        flows.reduce(into: [:]) { $0[$1.verdict.kind, default: 0] += 1 }
    }
}
