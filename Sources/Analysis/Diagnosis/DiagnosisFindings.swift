import Calico
import Findings

/// The diagnoses over the whole capture besides unanswered flows: asymmetric carriers, MTU
/// trouble, wrong outer checksums, and what each tunnel costs.
enum DiagnosisFindings {
    static func findings(flows: [AnalyzedFlow], capturePoints: [CapturePoint], captures: [CaptureSummary]) -> [Finding] {
        var findings = AsymmetricEncapsulationFindings.findings(flows: flows, capturePoints: capturePoints)
        findings += MTUFindings.fragmentationNeeded(flows: flows)
        findings += MTUFindings.blackholes(flows: flows)
        findings += ChecksumFindings.findings(flows: flows, capturePoints: capturePoints, captures: captures)
        if let superFrames = MTUFindings.superFrames(flows: flows, capturePoints: capturePoints, captures: captures) {
            findings.append(superFrames)
        }
        findings += OverheadFindings.findings(flows: flows)
        return findings
    }
}
