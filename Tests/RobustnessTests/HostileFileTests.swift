import CalicapTestSupport
import Foundation
import Testing

/// A hostile-file case: the input, and the documented outcome (README "Exit status": 0 report,
/// 3 nothing readable with one line on stderr, 4 report printed with warnings).
struct HostileCase: Sendable, CustomStringConvertible {
    enum Input: Sendable {
        /// Written to a file in the scratch directory.
        case bytes([UInt8])
        /// An existing path (a directory, /dev/null, a missing file).
        case path(String)
        /// Fed on standard input to `-r -`.
        case standardInput([UInt8])
    }

    var name: String
    var input: Input
    var status: Int32
    /// Status 3: text the one stderr line must contain. Status 4: a warning name (or text) one of
    /// the warnings must contain (any of them, when several endings are acceptable). Status 0: an
    /// anomaly name the JSON summary must count, if any.
    var expected: [String] = []
    var arguments: [String] = []

    var description: String { name }
}

/// Hostile and damaged files give one clear error or a partial report with a warning, with the
/// documented exit status, fast, and never a crash.
@Suite struct HostileFileTests {
    // MARK: Building blocks

    static let syn = Packets.ethernet(
        Packets.ipv4(source: 0x0A00_0001, destination: 0x0A00_0002, protocolNumber: 6, payload: Packets.tcp(sourcePort: 40000, destinationPort: 80)))
    static let synAck = Packets.ethernet(
        Packets.ipv4(source: 0x0A00_0002, destination: 0x0A00_0001, protocolNumber: 6, payload: Packets.tcp(sourcePort: 80, destinationPort: 40000, flags: 0x12)))
    static let goodPcap = CaptureBytes.pcap([syn, synAck])
    static let goodPcapng = CaptureBytes.pcapng([syn, synAck])

    /// Deterministic pseudo-random bytes.
    static func garbage(_ count: Int, seed: UInt64) -> [UInt8] {
        var state = seed | 1
        return (0..<count).map { _ in
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return UInt8(truncatingIfNeeded: state)
        }
    }

    static func pcap(_ build: (inout CaptureBytes) -> Void) -> [UInt8] {
        var file = CaptureBytes()
        build(&file)
        return file.bytes
    }

    /// A pcapng file: section, Ethernet interface, then `build`.
    static func pcapng(interface: Bool = true, _ build: (inout CaptureBytes) -> Void) -> [UInt8] {
        var file = CaptureBytes()
        file.section()
        if interface { file.interface() }
        build(&file)
        return file.bytes
    }

    // MARK: The cases

    static let cases: [HostileCase] = [
        // Not a capture at all.
        HostileCase(name: "text file (bad magic)", input: .bytes(Array("this is not a capture file, just text\n".utf8)), status: 3, expected: ["not a pcap or pcapng file"]),
        HostileCase(name: "ELF binary magic", input: .bytes([0x7f, 0x45, 0x4c, 0x46] + garbage(200, seed: 1)), status: 3, expected: ["magic 0x7f454c46"]),
        HostileCase(name: "random bytes", input: .bytes(garbage(4096, seed: 2)), status: 3, expected: ["not a pcap or pcapng file"]),
        HostileCase(name: "empty file", input: .bytes([]), status: 3, expected: ["empty"]),
        HostileCase(name: "one byte", input: .bytes([0xd4]), status: 3, expected: ["too short"]),
        HostileCase(name: "pcap magic only", input: .bytes(Array(goodPcap.prefix(4))), status: 3, expected: ["too short"]),
        HostileCase(name: "truncated pcap global header", input: .bytes(Array(goodPcap.prefix(20))), status: 3, expected: ["too short"]),
        HostileCase(name: "pcap version 1.4", input: .bytes(pcap { $0.pcapHeader(versionMajor: 1) }), status: 3, expected: ["unsupported capture file version 1.4"]),
        HostileCase(name: "pcap version 3.0", input: .bytes(pcap { $0.pcapHeader(versionMajor: 3, versionMinor: 0) }), status: 3, expected: ["unsupported capture file version 3.0"]),
        HostileCase(name: "directory", input: .path(NSTemporaryDirectory()), status: 3, expected: ["is a directory"]),
        HostileCase(name: "/dev/null", input: .path("/dev/null"), status: 3, expected: ["empty"]),
        HostileCase(name: "missing file", input: .path("/nonexistent/calicap/w1.pcap"), status: 3, expected: ["No such file or directory"]),
        HostileCase(name: "empty standard input", input: .standardInput([]), status: 3, expected: ["stdin", "empty"]),
        HostileCase(
            name: "standard input named twice", input: .standardInput(goodPcap), status: 3, expected: ["stdin"],
            arguments: ["-r", "-"]),
        HostileCase(name: "pcapng section header cut short", input: .bytes(Array(goodPcapng.prefix(20))), status: 3, expected: ["too short"]),
        HostileCase(
            name: "pcapng unknown byte-order magic",
            input: .bytes(pcapng(interface: false) { file in file.bytes.replaceSubrange(8..<12, with: [1, 2, 3, 4]) }),
            status: 3, expected: ["byte-order magic 0x01020304"]),
        HostileCase(name: "pcapng version 2.0", input: .bytes(pcap { $0.section(major: 2) }), status: 3, expected: ["unsupported capture file version 2.0"]),

        // Classic pcap damaged after the header: a partial report.
        HostileCase(name: "pcap header only", input: .bytes(pcap { $0.pcapHeader() }), status: 0),
        HostileCase(name: "truncated record header", input: .bytes(goodPcap + [1, 2, 3, 4, 5, 6, 7]), status: 4, expected: ["truncated_record_header"]),
        HostileCase(
            name: "truncated record",
            input: .bytes(goodPcap + pcap { $0.pcapRecord(data: Array(syn.prefix(40)), capturedLength: 100) }),
            status: 4, expected: ["truncated_record"]),
        HostileCase(
            name: "first record cut short",
            input: .bytes(pcap { $0.pcapHeader(); $0.pcapRecord(data: Array(syn.prefix(30)), capturedLength: 54) }),
            status: 4, expected: ["truncated_record"]),
        HostileCase(
            name: "caplen larger than snaplen (accepted up to 256 KiB, as libpcap does)",
            input: .bytes(pcap { $0.pcapHeader(snapLength: 40); $0.pcapRecord(data: syn); $0.pcapRecord(data: synAck) }),
            status: 0),
        HostileCase(
            name: "caplen above 256 KiB",
            input: .bytes(goodPcap + pcap { $0.pcapRecord(data: garbage(512, seed: 3), capturedLength: 300_000) }),
            status: 4, expected: ["caplen_too_large"]),
        HostileCase(
            name: "record claiming 4 GiB",
            input: .bytes(goodPcap + pcap { $0.pcapRecord(data: garbage(64, seed: 4), originalLength: 0xFFFF_FFFF, capturedLength: 0xFFFF_FFFF) }),
            status: 4, expected: ["caplen_too_large"]),
        HostileCase(
            name: "snaplen 4 GiB and a 200 MiB record in a tiny file",
            input: .bytes(pcap { $0.pcapHeader(snapLength: 0xFFFF_FFFF); $0.pcapRecord(data: syn); $0.pcapRecord(data: garbage(64, seed: 5), capturedLength: 200 << 20) }),
            status: 4, expected: ["truncated_record"]),
        HostileCase(
            name: "zero-length records",
            input: .bytes(pcap { $0.pcapHeader(); for _ in 0..<3 { $0.pcapRecord(data: []) }; $0.pcapRecord(data: syn) }),
            status: 0, expected: ["truncated_ethernet"]),
        HostileCase(name: "garbage after a valid pcap", input: .bytes(goodPcap + garbage(1000, seed: 6)), status: 4, expected: ["caplen_too_large", "truncated_record"]),
        HostileCase(name: "garbage after a valid pcap, on standard input", input: .standardInput(goodPcap + garbage(1000, seed: 6)), status: 4, expected: ["stdin"]),
        HostileCase(name: "unknown link type 147", input: .bytes(CaptureBytes.pcap([syn], linkType: 147)), status: 4, expected: ["not supported"]),
        HostileCase(name: "link type 65535 with FCS bits", input: .bytes(CaptureBytes.pcap([syn], linkType: 0xFFFF_FFFF)), status: 4, expected: ["not supported"]),
        HostileCase(
            name: "timestamps at the extremes",
            input: .bytes(pcap { $0.pcapHeader(); $0.pcapRecord(seconds: 0xFFFF_FFFF, fraction: 0xFFFF_FFFF, data: syn); $0.pcapRecord(seconds: 0, fraction: 0, data: synAck) }),
            status: 0),
        HostileCase(
            name: "nanosecond pcap with fraction above a second",
            input: .bytes(pcap { $0.pcapHeader(nanosecond: true); $0.pcapRecord(fraction: 0xFFFF_FFFF, data: syn) }),
            status: 0),

        // pcapng damage.
        HostileCase(name: "pcapng section header only", input: .bytes(pcap { $0.section() }), status: 4, expected: ["no packets"]),
        HostileCase(
            name: "pcapng block length below 12",
            input: .bytes(pcapng { $0.rawBlock(type: 6, totalLength: 8, body: [], trailer: 8) }),
            status: 4, expected: ["bad_block_length"]),
        HostileCase(
            name: "pcapng block length not a multiple of 4",
            input: .bytes(pcapng { $0.enhancedPacket(data: syn); $0.rawBlock(type: 6, totalLength: 13, body: [0], trailer: 13) }),
            status: 4, expected: ["bad_block_length"]),
        HostileCase(
            name: "pcapng huge block length",
            input: .bytes(pcapng { $0.enhancedPacket(data: syn); $0.rawBlock(type: 6, totalLength: 0xFFFF_FFF0, body: garbage(64, seed: 7), trailer: nil) }),
            status: 4, expected: ["bad_block_length"]),
        HostileCase(
            name: "pcapng 200 MiB block in a tiny file",
            input: .bytes(pcapng { $0.enhancedPacket(data: syn); $0.rawBlock(type: 6, totalLength: 200 << 20, body: garbage(64, seed: 8), trailer: nil) }),
            status: 4, expected: ["truncated_block"]),
        HostileCase(
            name: "pcapng trailing length disagrees",
            input: .bytes(pcapng { $0.rawBlock(type: 0xBAD, totalLength: 16, body: [0, 0, 0, 0], trailer: 20); $0.enhancedPacket(data: syn) }),
            status: 4, expected: ["bad_block_length"]),
        HostileCase(
            name: "pcapng block cut in its header",
            input: .bytes(pcapng { $0.enhancedPacket(data: syn); $0.append([6, 0, 0]) }),
            status: 4, expected: ["truncated_block_header"]),
        HostileCase(
            name: "pcapng interface option running past the block",
            input: .bytes(pcapng(interface: false) { file in
                file.interface(options: [CaptureBytes.Option(code: 2, value: Array("eth0".utf8), declaredLength: 1000)])
                file.enhancedPacket(data: syn)
            }),
            status: 4, expected: ["bad_option"]),
        HostileCase(
            name: "pcapng interface block too short",
            input: .bytes(pcapng(interface: false) { $0.rawBlock(type: 1, totalLength: 16, body: [1, 0, 0, 0], trailer: 16) }),
            status: 4, expected: ["bad_interface_block"]),
        HostileCase(
            name: "pcapng packet claiming 4 GiB",
            input: .bytes(pcapng { $0.enhancedPacket(data: syn, capturedLength: 0xFFFF_FFFF); $0.enhancedPacket(data: synAck) }),
            status: 4, expected: ["bad_packet_block"]),
        HostileCase(
            name: "pcapng packet for an undeclared interface",
            input: .bytes(pcapng { $0.enhancedPacket(interface: 7, data: syn); $0.enhancedPacket(data: synAck) }),
            status: 4, expected: ["unknown_interface"]),
        HostileCase(
            name: "pcapng simple packet before any interface",
            input: .bytes(pcapng(interface: false) { $0.simplePacket(data: syn) }),
            status: 4, expected: ["unknown_interface"]),
        HostileCase(
            name: "pcapng later section with a bad byte-order magic",
            input: .bytes(pcapng { file in
                file.enhancedPacket(data: syn)
                let start = file.bytes.count
                file.section()
                file.bytes.replaceSubrange((start + 8)..<(start + 12), with: [9, 9, 9, 9])
            }),
            status: 4, expected: ["bad_section_header"]),
        HostileCase(
            name: "pcapng unknown link type",
            input: .bytes(CaptureBytes.pcapng([syn], linkType: 147)),
            status: 4, expected: ["not supported"]),
        HostileCase(name: "garbage after a valid pcapng", input: .bytes(goodPcapng + garbage(1000, seed: 9)), status: 4, expected: ["bad_block_length", "truncated_block"]),
        HostileCase(
            name: "pcapng extreme timestamp resolution and offset",
            input: .bytes(pcapng(interface: false) { file in
                var offset = CaptureBytes()
                offset.append(Int64.max)
                file.interface(options: [CaptureBytes.Option(code: 9, value: [0xFF]), CaptureBytes.Option(code: 14, value: offset.bytes)])
                file.enhancedPacket(ticks: .max, data: syn)
                file.enhancedPacket(ticks: 0, data: synAck)
            }),
            status: 0),
        HostileCase(
            name: "pcapng 5000 packets for undeclared interfaces (warnings are capped)",
            input: .bytes(pcapng { file in for index in 0..<5000 { file.enhancedPacket(interface: 1 + UInt32(index), data: syn) } }),
            status: 4, expected: ["unknown_interface"]),
        HostileCase(
            name: "pcapng 4096 interfaces (the limit)",
            input: .bytes(pcapng(interface: false) { file in
                for _ in 0..<4096 { file.interface() }
                file.enhancedPacket(interface: 4095, data: syn)
            }),
            status: 0),
        HostileCase(
            name: "pcapng 100 000 interfaces",
            input: .bytes(pcapng(interface: false) { file in
                for _ in 0..<100_000 { file.interface() }
                file.enhancedPacket(interface: 0, data: syn)
            }),
            status: 4, expected: ["too_many_interfaces"]),
        HostileCase(
            name: "pcapng 200 interfaces with 64 KiB names",
            input: .bytes(pcapng(interface: false) { file in
                let name = String(repeating: "eth0", count: 16_383)
                for _ in 0..<200 { file.interface(options: [.name(name), .description(name)]) }
                file.enhancedPacket(interface: 199, data: syn)
            }),
            status: 0),

        // Hostile packets in a valid file.
        HostileCase(
            name: "tunnels nested 10 deep",
            input: .bytes(CaptureBytes.pcap([Packets.nestedIPIP(depth: 10)], linkType: 101)),
            status: 0, expected: ["encapsulation_depth_exceeded"], arguments: ["--max-tunnel-depth", "8"]),
        HostileCase(
            name: "IPv6 with a long extension header chain",
            input: .bytes(CaptureBytes.pcap([ipv6WithExtensionHeaders(1000)], linkType: 101)),
            status: 0, expected: ["ipv6_extension_header_chain_too_long"]),
        HostileCase(
            name: "10 000 overlapping fragments",
            input: .bytes(CaptureBytes.pcap(fragmentFlood(10_000), linkType: 101)),
            status: 0),
        HostileCase(
            name: "ICMP errors quoting ICMP errors",
            input: .bytes(CaptureBytes.pcap(icmpQuotes(depth: 40), linkType: 101)),
            status: 0),
    ]

    /// IPv6 (raw) whose chain of `count` hop-by-hop headers ends in UDP.
    static func ipv6WithExtensionHeaders(_ count: Int) -> [UInt8] {
        var extensions: [UInt8] = []
        for index in 0..<count {
            extensions += [index == count - 1 ? 17 : 0, 0, 1, 4, 0, 0, 0, 0]
        }
        let payload = extensions + Packets.udp(sourcePort: 1, destinationPort: 2)
        let length = UInt16(truncatingIfNeeded: payload.count)
        return [0x60, 0, 0, 0] + Packets.be16(length) + [0, 64] + [UInt8](repeating: 0xfd, count: 16)
            + [UInt8](repeating: 0xfe, count: 16) + payload
    }

    /// Fragments of one datagram at every offset, overlapping, with and without a first fragment.
    static func fragmentFlood(_ count: Int) -> [[UInt8]] {
        (0..<count).map { index in
            Packets.ipv4(
                source: 0x0A00_0001, destination: 0x0A00_0002, protocolNumber: 17,
                payload: Packets.udp(sourcePort: 1, destinationPort: 2, payload: [UInt8](repeating: 0, count: 16)),
                identification: UInt16(index % 3), fragmentOffset8: UInt16(index % 5), moreFragments: index % 7 != 0)
        }
    }

    /// ICMP destination-unreachable messages, each quoting the previous one (and the first a UDP packet).
    static func icmpQuotes(depth: Int) -> [[UInt8]] {
        var packets: [[UInt8]] = []
        var inner = Packets.ipv4(source: 0x0A00_0001, destination: 0x0A00_0002, protocolNumber: 17, payload: Packets.udp(sourcePort: 1, destinationPort: 2))
        packets.append(inner)
        for _ in 0..<depth {
            inner = Packets.ipv4(source: 0x0A00_0002, destination: 0x0A00_0001, protocolNumber: 1, payload: [3, 3, 0, 0, 0, 0, 0, 0] + inner)
            packets.append(inner)
        }
        return packets
    }

    // MARK: Running a case

    static func arguments(for hostile: HostileCase) throws -> (arguments: [String], input: String?) {
        switch hostile.input {
        case .bytes(let bytes):
            let name = "hostile-" + hostile.name.map { $0.isLetter || $0.isNumber ? $0 : "-" } + ".cap"
            return (["-r", TemporaryDirectory.shared.write(bytes, name: String(name))], nil)
        case .path(let path):
            return (["-r", path], nil)
        case .standardInput(let bytes):
            let name = "stdin-" + hostile.name.map { $0.isLetter || $0.isNumber ? $0 : "-" } + ".cap"
            return (["-r", "-"], TemporaryDirectory.shared.write(bytes, name: String(name)))
        }
    }

    /// Checks one run of calicap against the documented contract for `status`.
    static func check(_ outcome: ProcessOutcome, _ hostile: HostileCase, format: String) {
        let context = Comment(rawValue: "\(hostile.name) (\(format)): \(outcome)")
        #expect(!outcome.crashed && !outcome.timedOut, context)
        #expect(outcome.status == hostile.status, context)
        // Within a second: CPU time strictly; wall time too, with slack for a loaded CI machine
        // (the suite runs in parallel with the other test targets on two cores).
        #expect(outcome.cpuSeconds < TimeBudget.seconds(1), context)
        #expect(outcome.seconds < TimeBudget.seconds(3), context)
        if outcome.seconds >= 0.5 {
            print("hostile case \(hostile.name) (\(format)): \(String(format: "%.2f", outcome.seconds)) s wall, "
                  + "\(String(format: "%.2f", outcome.cpuSeconds)) s CPU")
        }
        switch hostile.status {
        case 3:
            #expect(outcome.standardOutput.isEmpty, context)
            #expect(outcome.errorLines.count == 1, context)
            #expect(outcome.standardError.hasPrefix("calicap: "), context)
            for text in hostile.expected { #expect(outcome.standardError.contains(text), context) }
        case 4:
            #expect(!outcome.standardOutput.isEmpty, context)
            #expect(!outcome.errorLines.isEmpty, context)
            // At most the reader's 1000 kept warnings per file, plus the session's own.
            #expect(outcome.errorLines.count <= 1010, context)
            #expect(outcome.errorLines.allSatisfy { $0.hasPrefix("calicap: warning: ") }, context)
            if !hostile.expected.isEmpty {
                #expect(hostile.expected.contains { outcome.standardError.contains($0) }, context)
            }
        default:
            #expect(outcome.standardError.isEmpty, context)
        }
    }

    @Test(arguments: cases)
    func hostileFile(_ hostile: HostileCase) throws {
        let (arguments, input) = try Self.arguments(for: hostile)
        let table = try ProcessRunner.calicap(arguments + hostile.arguments, standardInput: input)
        Self.check(table, hostile, format: "table")

        let json = try ProcessRunner.calicap(arguments + hostile.arguments + ["--format", "json"], standardInput: input)
        Self.check(json, hostile, format: "json")
        guard json.status == 0 || json.status == 4 else { return }
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.outputBytes)) as? [String: Any], "\(hostile.name)")
        let summary = try #require(document["summary"] as? [String: Any])
        let warnings = summary["warnings"] as? [String] ?? []
        #expect(warnings.isEmpty == (json.status == 0), "\(hostile.name): \(warnings.prefix(3))")
        if json.status == 0, !hostile.expected.isEmpty {
            let anomalies = summary["anomalies"] as? [String: Int] ?? [:]
            for name in hostile.expected { #expect(anomalies[name, default: 0] > 0, "\(hostile.name): anomalies \(anomalies)") }
        }
    }

    @Test func thereAreFiftyHostileCases() {
        #expect(Self.cases.count >= 50)
        #expect(Set(Self.cases.map(\.name)).count == Self.cases.count)
    }
}
