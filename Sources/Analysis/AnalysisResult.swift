import Calico
import Findings
import Flows
import Wire

/// Everything a report needs.
public struct AnalysisResult: Sendable {
    public var captures: [CaptureSummary]
    public var capturePoints: [CapturePoint]
    /// In deterministic order: first seen, then key.
    public var flows: [AnalyzedFlow]
    public var pool: PoolAssessment
    /// The capture read against the cluster's files (`--cluster`); nil without them.
    public var cluster: ClusterReading?
    public var addresses: AddressPlan
    /// Packet records read, over all captures.
    public var packets: Int
    /// Packets that were not IP (ARP, LLDP, …).
    public var nonIPPackets: Int
    /// IPv6 neighbour discovery and multicast listener packets: link-layer plumbing, no flow.
    public var linkControlPackets: Int
    /// Packets counted once although seen at several capture points.
    public var duplicatePackets: Int
    /// Packets cut short by the snapshot length (decoded as far as captured).
    public var truncatedPackets: Int
    /// Packets dropped by the BPF filter.
    public var filteredPackets: Int
    /// Stable anomaly name → count.
    public var anomalies: [String: Int]
    /// Findings about the inputs: damaged files, unsupported link types, kernel drops, …
    public var findings: [Finding]
    /// Diagnosis over the whole capture: unanswered pod flows and where they were last seen, …
    public var trafficFindings: [Finding] = []
    public var evictedFlows: Int
    public var evictedPackets: Int

    /// Whether some input was damaged, so the report may be incomplete.
    public var isPartial: Bool { findings.contains(where: \.makesReportPartial) }

    /// Problems with the inputs themselves, as sentences (`summary.warnings`).
    public var warnings: [String] { findings.filter(\.makesReportPartial).map(\.detail) }

    /// Remarks about the inputs that do not make the report partial (`summary.notices`).
    public var notices: [String] { findings.filter { $0.scope == .input && $0.severity < .warning }.map(\.detail) }

    /// Warnings about the inputs that leave the report whole (a stated capture point the
    /// packets contradict): on stderr and in the findings, with exit status 0.
    public var inputWarnings: [Finding] {
        findings.filter { $0.scope == .input && $0.severity >= .warning && !$0.makesReportPartial }
    }

    /// Every finding: the inputs', the pool's, then each flow's in report order.
    public var allFindings: [Finding] {
        findings + trafficFindings + pool.findings + (cluster?.findings ?? []) + flows.flatMap(\.findings)
    }

    public var modeCounts: [CalicoMode: Int] {
        flows.reduce(into: [:]) { $0[$1.verdict.mode, default: 0] += 1 }
    }

    public var kindCounts: [FlowKind: Int] {
        flows.reduce(into: [:]) { $0[$1.verdict.kind, default: 0] += 1 }
    }
}
