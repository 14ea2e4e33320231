import CalicapTestSupport
import Foundation
import Testing

/// Every capture copied from the public test suites (Fixtures/public, Fixtures/capture-files),
/// the damaged ones above all, gives its documented exit status within a second.
@Suite struct PublicFileTests {
    /// The damaged files and their status; every other file reads cleanly (status 0), whatever
    /// its packets' anomalies.
    static let damaged: [String: (status: Int32, text: String)] = [
        // A record header at byte 228 with caplen 1 409 179 648: the rest is not a record.
        "public/OISF_suricata-verify/fuzz.pcap": (4, "caplen_too_large"),
        // Record 7 claims 4 325 376 bytes (snaplen 262 144).
        "public/OISF_suricata-verify/tls_DER-incomplete-header.pcap": (4, "caplen_too_large"),
        // libpcap refuses both ("archaic pcap savefile format", "SHB option too long").
        "public/the-tcpdump-group_libpcap/pcap-invalid-version-1.pcap": (3, "unsupported capture file version 1.4"),
        "public/the-tcpdump-group_libpcap/shb-option-too-long.pcapng": (4, "bad_block_length"),
        "capture-files/pcap-invalid-version-1.pcap": (3, "unsupported capture file version 1.4"),
        "capture-files/shb-option-too-long.pcapng": (4, "bad_block_length"),
    ]

    static let files: [String] = ["public", "capture-files"].flatMap { folder in
        Fixtures.captureFiles(under: folder).map { "\(folder)/\($0)" }
    }.sorted()

    @Test func everyDamagedFileIsThere() {
        #expect(Self.files.count >= 68)
        for name in Self.damaged.keys { #expect(Self.files.contains(name), "\(name)") }
    }

    @Test(arguments: files)
    func documentedStatusWithinASecond(file: String) throws {
        let path = Fixtures.path(file)
        let expected = Self.damaged[file] ?? (0, "")
        for format in ["table", "json", "csv"] {
            let outcome = try ProcessRunner.calicap(["-r", path, "--format", format])
            let context = Comment(rawValue: "\(file) \(format): \(outcome)")
            #expect(!outcome.crashed && !outcome.timedOut, context)
            #expect(outcome.status == expected.status, context)
            #expect(outcome.cpuSeconds < TimeBudget.seconds(1), context)
            #expect(outcome.seconds < TimeBudget.seconds(3), context)
            switch expected.status {
            case 3:
                #expect(outcome.errorLines.count == 1, context)
                #expect(outcome.standardOutput.isEmpty, context)
            case 4:
                #expect(!outcome.standardOutput.isEmpty, context)
                #expect(outcome.errorLines.allSatisfy { $0.hasPrefix("calicap: warning: ") }, context)
            default:
                #expect(outcome.standardError.isEmpty, context)
            }
            if !expected.text.isEmpty { #expect(outcome.standardError.contains(expected.text), context) }
            #expect(!outcome.outputBytes.contains(0x1b), context)
        }
    }
}
