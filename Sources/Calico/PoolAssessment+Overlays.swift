import Findings
import Flows

extension PoolAssessment {
    /// Judges the pool on what Calico carried: flows of other overlays (and Calico eBPF's
    /// NodePort forwarding) are set aside and named in `not-calico-overlay` findings. When such an
    /// overlay carries traffic between nodes and no Calico encapsulation is seen anywhere, the
    /// capture says nothing about a Calico pool: the behaviour is `Unknown` and the finding says why.
    ///
    /// Nothing is copied per flow: the Calico flows are picked by their positions.
    public static func judgingCalicoFlows(
        _ flows: [AnalyzedFlow], capturePoints: [CapturePoint], addresses: AddressPlan? = nil
    ) -> PoolAssessment {
        let calicoPositions = flows.indices.filter { !flows[$0].verdict.isCarriedByOtherOverlay }
        let others = flows.count - calicoPositions.count
        var pool = PoolAssessment(
            flows: flows, positions: others == 0 ? nil : calicoPositions, capturePoints: capturePoints,
            addresses: addresses)
        let groups = OverlayFindings.groups(flows)
        guard !groups.isEmpty else { return pool }
        let calicoSeen = flows.contains { flow in
            flow.verdict.carriers.contains { $0.overlay == .calico || $0.mode == .wireguard }
        }
        let setAside = !calicoSeen && others > 0 && groups.contains { $0.overlay.replacesCalico }
        let findings = groups.map { OverlayFindings.finding($0, poolSetAside: setAside) }
        if setAside {
            pool.behaviour = .unknown
            pool.encapsulation = nil
            pool.subnetPrefixLengths = nil
            pool.ipipMode = nil
            pool.vxlanMode = nil
            pool.possibleBehaviours = []
            pool.findings = findings
        } else {
            pool.findings = findings + pool.findings
        }
        return pool
    }
}
