/// `calicap verify --format json`: one object, `schemaVersion` 1 (documented in the README).
public enum JSONVerdictRenderer {
    public static let schemaVersion = 1

    public static func render(_ report: VerificationReport) -> String {
        let quote = JSONText.quote
        var text = "{\n"
        text += "  \"schemaVersion\": \(schemaVersion),\n"
        text += "  \"passed\": \(report.passed),\n"
        text += "  \"expectationsFile\": \(JSONText.optional(report.expectationsFile)),\n"
        text += "  \"captures\": \(JSONText.array(report.sources)),\n"
        text += "  \"counts\": { \"expectations\": \(report.outcomes.count), \"failures\": \(report.failures.count) },\n"
        text += "  \"observed\": {\n"
        text += "    \"flows\": \(report.flows),\n"
        text += "    \"podToPodFlows\": \(report.podToPodFlows),\n"
        text += "    \"unansweredPodToPodFlows\": \(report.unansweredPodToPodFlows),\n"
        let modes = report.podToPodModes.sorted { $0.key < $1.key }.map { "\(quote($0.key)): \($0.value)" }
        text += "    \"podToPodModes\": {" + (modes.isEmpty ? "" : " " + modes.joined(separator: ", ") + " ") + "},\n"
        text += "    \"pool\": { \"behaviour\": \(quote(report.pool.behaviour)), "
        text += "\"encapsulation\": \(JSONText.optional(report.pool.encapsulation)), "
        text += "\"ipipMode\": \(JSONText.optional(report.pool.ipipMode?.rawValue)), "
        text += "\"vxlanMode\": \(JSONText.optional(report.pool.vxlanMode?.rawValue)) },\n"
        text += "    \"findings\": \(JSONText.array(report.findings)),\n"
        text += "    \"warnings\": \(JSONText.array(report.warnings))\n"
        text += "  },\n"
        text += "  \"results\": ["
        for (index, outcome) in report.outcomes.enumerated() {
            text += index == 0 ? "\n" : ",\n"
            text += "    { \"id\": \(quote(outcome.id)), \"status\": \(quote(outcome.passed ? "pass" : "fail")), "
            text += "\"title\": \(quote(outcome.title)), "
            text += "\"line\": \(outcome.line.map(String.init) ?? "null"), "
            text += "\"summary\": \(quote(outcome.summary)), "
            text += "\"evidence\": \(JSONText.array(outcome.evidence)) }"
        }
        text += report.outcomes.isEmpty ? "]\n" : "\n  ]\n"
        return text + "}\n"
    }
}
