/// One lab bring-up with traffic, every capture of the mode running on node a at once.
struct LabRun: Sendable {
    var mode: LabMode
    var prefix: String
    var manifest: LabManifest
    var outcomes: [String: CaptureOutcome]
    var bringUpSeconds: Double
    var trafficSeconds: Double
    var totalSeconds: Double

    func outcome(_ backend: CaptureBackend, _ interfaces: String...) -> CaptureOutcome? {
        outcomes[CaptureSpec(backend: backend, interfaces: interfaces).name]
    }

    /// Cross-node flows with a pod on the captured node: what its uplink must show.
    var crossNodeFlowsOfCapturedNode: [LabFlow] {
        manifest.flows.filter { !$0.sameNode && $0.involves(node: LabMode.capturedNode) }
    }

    /// Same for a tunnel device: only the flows the mode sends through the tunnel.
    var tunnelledFlowsOfCapturedNode: [LabFlow] {
        crossNodeFlowsOfCapturedNode.filter { $0.carrier == "ipip" || $0.carrier == "vxlan" }
    }

    var sameNodeFlows: [LabFlow] { manifest.flows.filter(\.sameNode) }

    /// The outcome of `spec`; throws when the run had no such capture.
    func capture(_ spec: CaptureSpec) throws -> CaptureOutcome {
        guard let outcome = outcomes[spec.name] else {
            throw LabFailure(description: "no \(spec.name) capture in the \(mode) run (ran: \(outcomes.keys.sorted()))")
        }
        return outcome
    }
}

struct LabFailure: Error, CustomStringConvertible {
    var description: String
}
