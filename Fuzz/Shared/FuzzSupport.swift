@testable import Analysis
import Flows
import Report
import Wire

/// Checks shared by both harnesses. A failed check is a crash, so libFuzzer records the input.
enum FuzzSupport {
    /// Renders every report format and checks that nothing taken from the input reaches the output
    /// raw: no C0 control character other than a newline, no DEL, no C1 control.
    static func renderAndCheck(_ result: AnalysisResult) {
        checkText(TableReport.render(result), format: "table")
        checkText(JSONReport.render(result), format: "json")
        checkText(JSONLinesReport.render(result), format: "jsonl")
        checkText(CSVReport.render(result), format: "csv")
    }

    static func checkText(_ text: String, format: String) {
        var text = text
        text.withUTF8 { bytes in
            var previous: UInt8 = 0
            for byte in bytes {
                // C1 controls U+0080…U+009F are C2 80…C2 9F in UTF-8.
                if (byte < 0x20 && byte != 0x0a) || byte == 0x7f || (previous == 0xc2 && (0x80...0x9f).contains(byte)) {
                    fatalError("raw control character (byte \(byte)) in \(format) output")
                }
                previous = byte
            }
        }
    }

    nonisolated(unsafe) static var templates: [DissectOptions: AnalysisSession] = [:]

    /// A fresh session for `options`. Creating an `AnalysisSession` allocates and fills a 4 MB
    /// duplicate-detector ring, which would dominate the time of every input (90 exec/s), so
    /// sessions are copied from one template per options value (the copy shares the untouched
    /// ring) and given a 16-entry detector, which also wraps around far more often.
    static func session(dissect: DissectOptions, maximumFlows: Int) -> AnalysisSession {
        if templates[dissect] == nil {
            templates[dissect] = AnalysisSession(
                options: AnalysisOptions(paths: [], dissect: dissect, maximumFlows: maximumFlows))
        }
        var session = templates[dissect]!
        session.duplicates = DuplicateDetector(window: 1_000, capacity: 16)
        return session
    }

    /// Invariants of one dissection, whatever the input.
    static func check(_ dissection: Dissection, options: DissectOptions) {
        precondition(dissection.tunnels.count <= options.maximumEncapsulationDepth, "encapsulation depth")
        precondition((dissection.ip?.tunnelDepth ?? 0) <= dissection.tunnels.count, "ip tunnel depth")
        precondition((dissection.ip?.length ?? 0) >= 0, "negative ip length")
        precondition(
            dissection.anomalies.dropLast().allSatisfy { !$0.stopsDecoding }, "an anomaly that stopped decoding is last")
    }
}
