import Calico
import Findings
import Flows
import Wire

/// What a live capture needs from the session while it is still running.
extension AnalysisSession {
    /// The Calico rules as the capture stands now: capture points classified and pod addresses
    /// planned from the evidence gathered so far, exactly as `result()` would do at this moment.
    /// Later packets can change both, so a verdict taken now may differ from the final report.
    public func currentClassifier() -> FlowClassifier {
        var points = capturePoints
        CapturePointClassifier.classify(&points, capturedOn: options.capturedOn, capturedOnByCapture: capturedOnByCapture)
        let uplinks = Set(points.filter { $0.role == .uplink }.map(\.id))
        let podSide = Set(points.filter(\.role.isTunnelDevice).map(\.id))
        var podNetworks = options.podNetworks
        var knownPodNodes: [IPAddress: IPAddress] = [:]
        var knownNodeNetworks: [IPAddress: IPNetwork] = [:]
        var overlayRules = OverlayRules()
        #if canImport(ClusterContext)
        if let cluster = options.cluster {
            if podNetworks.isEmpty { podNetworks = cluster.enabledPoolNetworks }
            knownPodNodes = cluster.podNodeAddresses
            knownNodeNetworks = cluster.nodeNetworks
            overlayRules = OverlayRules(calicoVNIs: cluster.calicoVXLANVNIs, calicoVTEPMACs: cluster.calicoVTEPMACs)
        }
        #endif
        let addresses = AddressPlan(
            explicitPodNetworks: podNetworks, evidence: evidence, uplinkPoints: uplinks, podSidePoints: podSide,
            knownPodNodes: knownPodNodes, knownNodeNetworks: knownNodeNetworks)
        return FlowClassifier(capturePoints: points, addresses: addresses, overlayRules: overlayRules)
    }

    /// `--captured-on FILE=NAME` by capture index.
    var capturedOnByCapture: [Int: String] {
        var names: [Int: String] = [:]
        for (index, capture) in captures.enumerated() {
            if let name = options.capturedOnBySource[capture.source] { names[index] = name }
        }
        return names
    }

    /// Capture points the user named whose packets say otherwise, as warnings.
    func capturePointContradictions() -> [Finding] {
        var sources: [Int: String] = [:]
        for (index, capture) in captures.enumerated() { sources[index] = capture.source }
        return CapturePointContradiction.findings(
            points: capturePoints, capturedOn: options.capturedOn, capturedOnByCapture: capturedOnByCapture, sources: sources)
    }

    /// Flows per Calico mode as the capture stands now (for a live status line). O(flows).
    public func currentModeCounts() -> [CalicoMode: Int] {
        let classifier = currentClassifier()
        var counts: [CalicoMode: Int] = [:]
        for record in flows.records {
            counts[classifier.verdict(for: record).mode, default: 0] += 1
        }
        return counts
    }
}
