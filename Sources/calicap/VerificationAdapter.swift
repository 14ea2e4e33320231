import Analysis
import Calico
import Flows
import Inputs
import Verification
import Wire

/// The one place where `calicap verify` touches the analysis API (`Analyzer.run`,
/// `AnalysisOptions`, `AnalysisResult`, `AnalyzedFlow`, `PoolAssessment`): it reads the captures
/// and turns the result into the Verification target's own small `Observation`. When the
/// analysis moves (the `Inputs` target, typed `Finding`s, pool settings from cluster files), only
/// this file is re-pointed.
enum VerificationAdapter {
    /// Reads the captures; the error is the one-line reason they cannot be read.
    static func observe(_ request: VerificationRequest) -> Result<Observation, VerificationInputError> {
        var dissect = DissectOptions(maximumEncapsulationDepth: request.maximumTunnelDepth)
        dissect.vxlanPorts = Array(Set([4789] + request.vxlanPorts)).sorted()
        dissect.detectsVXLANByHeader = request.detectsVXLANByHeader
        var options = AnalysisOptions(
            paths: request.paths, podNetworks: request.podNetworks, dissect: dissect,
            capturedOn: request.capturedOn, filter: request.filter, maximumFlows: request.maximumFlows)
        options.cluster = request.cluster
        options.innerFilter = request.innerFilter
        do {
            return .success(observation(of: try Analyzer.run(options), sources: request.paths))
        } catch {
            return .failure(VerificationInputError(message: error.description))
        }
    }

    static func observation(of result: AnalysisResult, sources: [String]) -> Observation {
        let flows = result.flows.map(flow)
        return Observation(
            sources: sources, flows: flows, pool: pool(result.pool, capturePoints: result.capturePoints),
            findings: findings(result, flows: flows), warnings: result.warnings + result.findings.filter { $0.code == .filterSeesOuterHeaders }.map(\.detail))
    }

    static func flow(_ analyzed: AnalyzedFlow) -> ObservedFlow {
        let record = analyzed.record
        return ObservedFlow(
            protocolName: record.key.protocolNumber.name,
            client: ObservedEndpoint(address: record.client.address, port: record.client.port),
            server: ObservedEndpoint(address: record.server.address, port: record.server.port),
            // Another overlay's tunnel (Flannel's VXLAN, say) never satisfies a Calico expectation.
            kind: analyzed.verdict.kind.rawValue,
            mode: analyzed.verdict.isCarriedByOtherOverlay ? "unknown" : analyzed.verdict.mode.rawValue,
            answered: record.answered,
            packets: record.packetsToServer + record.packetsToClient,
            clientNode: analyzed.verdict.clientNode, serverNode: analyzed.verdict.serverNode)
    }

    /// The pool as the analysis reads it: its modes where the capture can tell them, else why not.
    static func pool(_ assessment: PoolAssessment, capturePoints: [CapturePoint]) -> ObservedPool {
        var pool = ObservedPool(
            behaviour: assessment.behaviour.rawValue, encapsulation: assessment.encapsulation?.rawValue,
            ipipMode: assessment.ipipMode.flatMap { PoolModeSetting(rawValue: $0.rawValue) },
            vxlanMode: assessment.vxlanMode.flatMap { PoolModeSetting(rawValue: $0.rawValue) })
        if pool.ipipMode == nil || pool.vxlanMode == nil {
            let reasons = assessment.notes
            pool.undecidedReason = reasons.isEmpty
                ? "the pool behaviour is \(assessment.behaviour.rawValue)" : reasons.joined(separator: "; ")
        }
        return pool
    }

    /// Finding ids until the analysis reports typed findings: decoding anomalies (kebab-case),
    /// ICMP errors quoting pod packets (`mtu-fragmentation-needed`, `mtu-packet-too-big`,
    /// `icmp-unreachable`), `unanswered-pod-flows`, `pool-mixed`, `pool-changed`,
    /// `damaged-input`, `evicted-flows`.
    static func findings(_ result: AnalysisResult, flows: [ObservedFlow]) -> [String] {
        var ids = Set(result.allFindings.map(\.id))
        ids.formUnion(result.anomalies.filter { $0.value > 0 }.keys.map { String($0.map { $0 == "_" ? "-" : $0 }) })
        for analyzed in result.flows {
            for error in analyzed.record.icmpErrors {
                ids.insert(icmpFinding(error))
            }
        }
        if flows.contains(where: { $0.isPodToPod && !$0.answered }) { ids.insert("unanswered-pod-flows") }
        if result.pool.behaviour == .mixed { ids.insert("pool-mixed") }
        if !result.pool.changes.isEmpty { ids.insert("pool-changed") }
        if !result.warnings.isEmpty { ids.insert("damaged-input") }
        if result.evictedFlows > 0 { ids.insert("evicted-flows") }
        return ids.sorted()
    }

    static func icmpFinding(_ error: ICMPErrorNote) -> String {
        switch (error.protocolNumber, error.type, error.code) {
        case (.icmp, 3, 4): "mtu-fragmentation-needed"
        case (.icmpv6, 2, _): "mtu-packet-too-big"
        case (.icmp, 11, _), (.icmpv6, 3, _): "icmp-time-exceeded"
        default: "icmp-unreachable"
        }
    }
}
