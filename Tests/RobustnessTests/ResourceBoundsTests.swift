import Analysis
import CalicapTestSupport
import Flows
import Foundation
import Glibc
import Testing
import Wire

/// Memory and work stay bounded whatever the input: flows by `--max-flows`, tunnels by the depth
/// limit, fragments and ICMP quotes by construction, files by streaming.
///
/// Serialized: the in-process figures read this process's resident set size, which the suite's
/// own tests must not disturb (other suites may still run alongside, so bounds are generous and
/// the exact figures are printed).
@Suite(.serialized) struct ResourceBoundsTests {
    /// The resident set size in bytes, from /proc/self/statm (read with open/read: Foundation's
    /// `String(contentsOfFile:)` leaks its buffer for /proc files, which LeakSanitizer reports).
    static func residentBytes() -> Int {
        let descriptor = open("/proc/self/statm", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return 0 }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: 256)
        let count = read(descriptor, &bytes, bytes.count)
        guard count > 0 else { return 0 }
        let fields = String(decoding: bytes[0..<count], as: UTF8.self).split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// Under AddressSanitizer freed memory sits in a quarantine (256 MB by default) and every
    /// allocation has redzones, so in-process growth bounds are looser there.
    static let underAddressSanitizer = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "__asan_init") != nil

    /// The bound for in-process resident growth: `megabytes`, or 640 MB under ASan.
    static func growthBound(_ megabytes: Int) -> Int { (underAddressSanitizer ? max(640, megabytes) : megabytes) << 20 }

    static func megabytes(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1_048_576) }

    /// A decoded UDP packet of flow `index`: every index is a distinct 5-tuple.
    static func dissection(_ index: Int) -> Dissection {
        var packet = Dissection()
        let value = UInt32(truncatingIfNeeded: index)
        packet.ip = IPFacts(
            source: .v4(IPv4Address(rawValue: 0x0A00_0000 | value >> 16)), destination: .v4(IPv4Address(rawValue: 0x0A80_0001)),
            protocolNumber: .udp, length: 60)
        packet.transport = .udp(UDPFacts(sourcePort: UInt16(truncatingIfNeeded: value), destinationPort: 53))
        return packet
    }

    @Test func millionDistinctFlowsStayWithinMaximumFlows() {
        let before = Self.residentBytes()
        var table = FlowTable(maximumFlows: 10_000)
        for index in 0..<1_000_000 {
            table.update(with: Self.dissection(index), capturePoint: 0, time: Int64(index), isDuplicate: false)
            if index % 100_000 == 0 { #expect(table.count <= 10_000) }
        }
        let after = Self.residentBytes()
        print("1 M distinct 5-tuples, --max-flows 10 000: \(table.count) flows, \(table.evictedFlows) evicted, "
              + "resident \(Self.megabytes(before)) → \(Self.megabytes(after)) (+\(Self.megabytes(after - before)))")
        #expect(table.count == 10_000)
        #expect(table.evictedFlows == 990_000)
        #expect(table.evictedPackets == 990_000)
        // The table's own storage stays at the limit (an array grows by doubling).
        #expect(table.records.capacity <= 2 * 10_000)
        // The process as a whole: other suites run in parallel in this process (and the thread
        // sanitizer adds shadow memory), so the bound only catches a table that keeps what it
        // evicts: without eviction a million flows take over a gigabyte.
        #expect(after - before < Self.growthBound(700))
    }

    /// What a million flows cost with no limit below them (the default --max-flows is 1 000 000).
    /// A measurement, not a check: run with CALICAP_MEASURE_FLOWS=1 (slow in debug builds).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["CALICAP_MEASURE_FLOWS"] != nil))
    func millionFlowsWithoutALimit() {
        let before = Self.residentBytes()
        var table = FlowTable(maximumFlows: 1_000_000)
        for index in 0..<1_000_000 {
            table.update(with: Self.dissection(index), capturePoint: 0, time: Int64(index), isDuplicate: false)
        }
        let after = Self.residentBytes()
        print("1 M distinct 5-tuples, no eviction: \(table.count) flows, resident \(Self.megabytes(before)) → "
              + "\(Self.megabytes(after)) (+\(Self.megabytes(after - before)), \((after - before) / 1_000_000) bytes a flow)")
        #expect(table.count == 1_000_000)
        #expect(table.evictedFlows == 0)
    }

    @Test func evictionsAreReportedThroughTheSession() throws {
        var session = AnalysisSession(options: AnalysisOptions(paths: [], maximumFlows: 500))
        let capture = session.addCapture(source: "flows", linkType: .raw, interface: "eth0")
        for index in 0..<50_000 {
            let packet = Packets.flowPacket(index)
            packet.withUnsafeBytes { session.ingest($0.bytes, captureIndex: capture, time: Int64(index) * 1000) }
        }
        let result = session.result()
        #expect(result.flows.count == 500)
        #expect(result.evictedFlows == 49_500)
        #expect(result.packets == 50_000)
    }

    @Test func evictionsAreReportedByTheCommand() throws {
        let packets = (0..<20_000).map { Packets.flowPacket($0) }
        let path = TemporaryDirectory.shared.write(CaptureBytes.pcap(packets, linkType: 101), name: "flows-20000.pcap")
        let outcome = try ProcessRunner.calicap(["-r", path, "--format", "json", "--max-flows", "1000"])
        #expect(outcome.status == 0, "\(outcome)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(outcome.outputBytes)) as? [String: Any])
        let summary = try #require(document["summary"] as? [String: Any])
        #expect(summary["flows"] as? Int == 1_000)
        #expect(summary["evictedFlows"] as? Int == 19_000)
        let table = try ProcessRunner.calicap(["-r", path, "--max-flows", "1000"])
        #expect(table.standardOutput.contains("flows: 1000 (+19000 evicted at --max-flows)"), "\(table)")
    }

    @Test(arguments: [1, 4, 8])
    func nestedTunnelsStopAtTheDepthLimit(limit: Int) {
        let dissector = Dissector(options: DissectOptions(maximumEncapsulationDepth: limit))
        let packet = Packets.nestedIPIP(depth: 10)
        let result = packet.withUnsafeBytes { dissector.dissect($0.bytes, linkType: .raw) }
        #expect(result.stopReason?.name == "encapsulation_depth_exceeded")
        #expect(result.tunnels.count == limit)
        // The walk stopped at an IP-in-IP header: the inner UDP packet was never reached.
        #expect(result.ports == nil && result.ip?.protocolNumber == .ipv4)
        // Within the limit, the same nesting decodes to the inner UDP flow.
        let shallow = Packets.nestedIPIP(depth: limit)
        let decoded = shallow.withUnsafeBytes { dissector.dissect($0.bytes, linkType: .raw) }
        #expect(decoded.stopReason == nil)
        #expect(decoded.innermostDecoded && decoded.tunnels.count == limit && decoded.ports?.destination == 53)
    }

    @Test func nestingBeyondEightIsClampedAndNamedThroughTheSession() {
        var session = AnalysisSession(options: AnalysisOptions(paths: [], dissect: DissectOptions(maximumEncapsulationDepth: 100)))
        let capture = session.addCapture(source: "nested", linkType: .raw, interface: "eth0")
        for depth in [9, 10, 50] {
            let packet = Packets.nestedIPIP(depth: depth)
            packet.withUnsafeBytes { session.ingest($0.bytes, captureIndex: capture, time: 1) }
        }
        let result = session.result()
        #expect(result.anomalies["encapsulation_depth_exceeded"] == 3)
        // No flow reaches the inner UDP packet (what is recorded is the last IP-in-IP header followed).
        #expect(!result.flows.contains { $0.record.key.protocolNumber == .udp })
    }

    @Test func fragmentsCannotMakeTheDecoderLoopOrGrow() {
        var session = AnalysisSession(options: AnalysisOptions(paths: [], maximumFlows: 1_000))
        let capture = session.addCapture(source: "fragments", linkType: .raw, interface: "eth0")
        let before = Self.residentBytes()
        let clock = ContinuousClock.now
        // 70 000 first fragments with distinct identifications (beyond the 65 536 remembered),
        // and as many non-first fragments with no first, overlapping and out of order.
        for index in 0..<70_000 {
            let first = Packets.ipv4(
                source: 0x0A00_0001, destination: 0x0A00_0002, protocolNumber: 17,
                payload: Packets.udp(sourcePort: UInt16(truncatingIfNeeded: index), destinationPort: 53, payload: [0, 0, 0, 0]),
                identification: UInt16(truncatingIfNeeded: index), moreFragments: true)
            first.withUnsafeBytes { session.ingest($0.bytes, captureIndex: capture, time: Int64(index)) }
            let later = Packets.ipv4(
                source: 0x0A00_0003, destination: 0x0A00_0002, protocolNumber: 17, payload: [1, 2, 3, 4, 5, 6, 7, 8],
                identification: UInt16(truncatingIfNeeded: index * 7), fragmentOffset8: UInt16(index % 8191) + 1,
                moreFragments: index % 2 == 0)
            later.withUnsafeBytes { session.ingest($0.bytes, captureIndex: capture, time: Int64(index)) }
        }
        let elapsed = ContinuousClock.now - clock
        let after = Self.residentBytes()
        print("140 000 fragments: \(elapsed), resident +\(Self.megabytes(after - before))")
        let result = session.result()
        #expect(result.packets == 140_000)
        #expect(result.flows.count <= 1_000)
        #expect(result.anomalies["fragment_without_first", default: 0] == 70_000)
        #expect(after - before < Self.growthBound(100))
    }

    @Test func fragmentedTunnelPacketsStop() {
        let inner = Packets.nestedIPIP(depth: 0)
        let outer = Packets.ipv4(source: 0xC0A8_0001, destination: 0xC0A8_0002, protocolNumber: 4, payload: inner, moreFragments: true)
        let result = outer.withUnsafeBytes { Dissector().dissect($0.bytes, linkType: .raw) }
        #expect(result.stopReason?.name == "fragmented_tunnel_packet")
    }

    @Test func icmpQuotesAreReadOneLevelDeep() {
        let dissector = Dissector()
        var session = AnalysisSession(options: AnalysisOptions(paths: []))
        let capture = session.addCapture(source: "icmp", linkType: .raw, interface: "eth0")
        for (index, packet) in HostileFileTests.icmpQuotes(depth: 200).enumerated() {
            let result = packet.withUnsafeBytes { dissector.dissect($0.bytes, linkType: .raw) }
            if index > 0 {
                #expect(result.transport?.icmp?.quoted != nil)
                #expect(result.tunnels.isEmpty)
            }
            packet.withUnsafeBytes { session.ingest($0.bytes, captureIndex: capture, time: Int64(index)) }
        }
        // The UDP flow, with the ICMP error quoting it attached rather than a flow of its own.
        let result = session.result()
        #expect(result.flows.count >= 1)
        #expect(result.packets == 201)
    }

    /// The maximum resident size of `calicap -r` on a file of `count` packets spread over 100 flows.
    static func peakMemory(packets count: Int) throws -> (kilobytes: Int, outcome: ProcessOutcome) {
        var file = CaptureBytes()
        file.pcapHeader(linkType: 101)
        file.bytes.reserveCapacity(24 + count * 80)
        for index in 0..<count {
            file.pcapRecord(seconds: 1_700_000_000 + UInt32(index / 10_000), fraction: UInt32(index % 10_000) * 100,
                            data: Packets.flowPacket(index % 100, payload: [UInt8(truncatingIfNeeded: index), 1, 2, 3]))
        }
        let path = TemporaryDirectory.shared.write(file.bytes, name: "constant-memory-\(count).pcap")
        defer { unlink(path) }
        // An ASan build keeps freed memory in a quarantine (256 MB by default), which would grow
        // with the packets read; without it the figure is live memory, as in a plain build.
        let sanitizer = (ProcessInfo.processInfo.environment["ASAN_OPTIONS"].map { $0 + ":" } ?? "") + "quarantine_size_mb=0"
        let outcome = try ProcessRunner.calicap(["-r", path, "--format", "json"], environment: ["ASAN_OPTIONS": sanitizer], timeout: 120)
        return (outcome.maximumResidentKilobytes, outcome)
    }

    @Test func memoryDoesNotGrowWithTheFile() throws {
        let small = try Self.peakMemory(packets: 20_000)
        let large = try Self.peakMemory(packets: 200_000)
        print("calicap peak RSS: 20 000 packets \(small.kilobytes) KB, 200 000 packets \(large.kilobytes) KB "
              + "(100 flows; \(String(format: "%.2f", large.outcome.seconds)) s)")
        #expect(small.outcome.status == 0, "\(small.outcome)")
        #expect(large.outcome.status == 0, "\(large.outcome)")
        #expect(large.kilobytes - small.kilobytes < 20 * 1024)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(large.outcome.outputBytes)) as? [String: Any])
        let summary = try #require(document["summary"] as? [String: Any])
        #expect(summary["packets"] as? Int == 200_000)
        #expect(summary["flows"] as? Int == 100)
    }
}
