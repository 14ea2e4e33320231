import CalicapTestSupport
import Foundation
import Testing

/// Nothing taken from a file reaches the terminal raw: interface names and descriptions from
/// pcapng, and file names, are escaped in every output format and on stderr.
@Suite struct SafeOutputTests {
    static let formats = ["table", "json", "jsonl", "csv"]

    /// Terminal control sequences: clear screen, set the window title, a C1 CSI, DEL, BEL, newlines.
    static let hostileText = "\u{1b}[2J\u{1b}]0;pwned\u{07}\u{9b}31m\u{7f}\r\n\u{1b}[?1049h"

    /// A 64 KiB-ish (the option length is 16 bits) if_name made of escape sequences.
    static let hugeName: String = {
        var name = "cali"
        while name.utf8.count + hostileText.utf8.count < 65_000 { name += hostileText }
        return name
    }()

    static let packets = [
        HostileFileTests.syn, HostileFileTests.synAck,
    ]

    /// Bytes that must never appear in output: ESC, BEL, CR, DEL and the C1 controls (UTF-8 C2 80…C2 9F).
    static func rawControls(in bytes: [UInt8]) -> [String] {
        var found: Set<String> = []
        for (index, byte) in bytes.enumerated() {
            if byte == 0x1b || byte == 0x07 || byte == 0x0d || byte == 0x7f || (byte < 0x20 && byte != 0x0a) {
                found.insert("0x" + String(byte, radix: 16))
            }
            if byte == 0xc2, index + 1 < bytes.count, (0x80...0x9f).contains(bytes[index + 1]) {
                found.insert("C1 0x" + String(bytes[index + 1], radix: 16))
            }
        }
        return found.sorted()
    }

    static func checkClean(_ outcome: ProcessOutcome, _ context: String) {
        #expect(!outcome.crashed, "\(context): \(outcome)")
        #expect(rawControls(in: outcome.outputBytes).isEmpty, "\(context) stdout: \(rawControls(in: outcome.outputBytes))")
        #expect(rawControls(in: outcome.errorBytes).isEmpty, "\(context) stderr: \(rawControls(in: outcome.errorBytes))")
    }

    @Test(arguments: formats)
    func interfaceNameAndDescriptionOfEscapesAreEscaped(format: String) throws {
        let file = CaptureBytes.pcapng(Self.packets, options: [.name(Self.hugeName), .description(Self.hostileText)])
        let path = TemporaryDirectory.shared.write(file, name: "escape-interface-\(format).pcapng")
        let outcome = try ProcessRunner.calicap(["-r", path, "--format", format])
        #expect(outcome.status == 0, "\(outcome)")
        #expect(outcome.cpuSeconds < TimeBudget.seconds(1), "\(outcome)")
        Self.checkClean(outcome, "if_name, \(format)")
        switch format {
        case "table": #expect(outcome.standardOutput.contains("cali\\x1b[2J\\x1b]0;pwned\\x07\\x9b31m\\x7f\\x0d\\x0a"))
        case "json":
            #expect(outcome.standardOutput.contains("cali\\u001b[2J\\u001b]0;pwned\\u0007\\u009b31m\\u007f\\r\\n"))
            _ = try JSONSerialization.jsonObject(with: Data(outcome.outputBytes))
        default: break
        }
    }

    @Test(arguments: formats)
    func fileNamesOfEscapesAreEscaped(format: String) throws {
        // A damaged file (a warning names it) and an interface name that says nothing.
        let name = "evil\u{1b}[2J\u{07}\u{9b}\(format).pcap"
        let path = TemporaryDirectory.shared.write(HostileFileTests.goodPcap + [1, 2, 3], name: name)
        let outcome = try ProcessRunner.calicap(["-r", path, "--format", format])
        #expect(outcome.status == 4, "\(outcome)")
        Self.checkClean(outcome, "file name, \(format)")
        #expect(outcome.standardError.contains("evil\\x1b[2J\\x07\\x9b"), "\(outcome)")
        if format == "table" { #expect(outcome.standardOutput.contains("evil\\x1b[2J\\x07\\x9b")) }
    }

    @Test func unreadableFileNamesOfEscapesAreEscaped() throws {
        let notACapture = TemporaryDirectory.shared.write(Array("hello".utf8), name: "evil\u{1b}]0;title\u{07}\n.txt")
        for path in [notACapture, TemporaryDirectory.shared.file("missing\u{1b}[2J\u{9b}.pcap"), TemporaryDirectory.shared.file("dir\u{1b}[5m")] {
            if path.hasSuffix("[5m") { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
            let outcome = try ProcessRunner.calicap(["-r", path])
            #expect(outcome.status == 3, "\(outcome)")
            #expect(outcome.errorLines.count == 1, "\(outcome)")
            Self.checkClean(outcome, "unreadable \(path.debugDescription)")
        }
    }

    @Test func escapesInPacketsNeverReachTheOutput() throws {
        // Payloads full of escape sequences in UDP, TCP and ICMP, and in the Ethernet addresses.
        let payload = Array(Self.hostileText.utf8) + Array(Self.hostileText.utf8)
        let packets = [
            Packets.ethernet(Packets.ipv4(source: 0x0A00_0001, destination: 0x0A00_0002, protocolNumber: 17,
                                          payload: Packets.udp(sourcePort: 0x1b5b, destinationPort: 0x324a, payload: payload))),
            Packets.ethernet(Packets.ipv4(source: 0x1b5b_324a, destination: 0x0A00_0002, protocolNumber: 1,
                                          payload: [8, 0, 0, 0, 0x1b, 0x5b, 0, 1] + payload)),
            [0x1b, 0x5b, 0x32, 0x4a, 0x07, 0x9b] + [0x1b, 0x5b, 0x32, 0x4a, 0x07, 0x9b] + [0x08, 0x00] + payload,
        ]
        let path = TemporaryDirectory.shared.write(CaptureBytes.pcap(packets), name: "escape-packets.pcap")
        for format in Self.formats {
            let outcome = try ProcessRunner.calicap(["-r", path, "--format", format])
            #expect(outcome.status == 0, "\(outcome)")
            Self.checkClean(outcome, "packets, \(format)")
        }
    }
}
