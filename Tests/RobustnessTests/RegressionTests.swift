import Analysis
import CalicapTestSupport
import Calico
import CaptureFile
import Foundation
import Testing
import Wire

/// One test per bug found while hardening (by the fuzz harnesses or by the hostile-file and
/// resource tests), named after what went wrong. The fuzz harnesses found no crash in the code
/// they cover; a crash they find later goes here with its minimised bytes inline.
@Suite struct RegressionTests {
    /// A pcapng file of nothing but Interface Description Blocks grew memory and the report with
    /// its size: 20 MB of 20-byte IDBs (1 M interfaces) took 1 GB and 43 s. The reader now stops
    /// at the 4097th interface with `too_many_interfaces`.
    @Test func interfaceFloodStopsAtTheLimit() throws {
        var file = CaptureBytes()
        file.section()
        for _ in 0..<5000 { file.interface() }
        file.enhancedPacket(interface: 4999, data: HostileFileTests.syn)
        let path = TemporaryDirectory.shared.write(file.bytes, name: "regression-interfaces.pcapng")
        let reader = try CaptureFileReader(path: path)
        var records = 0
        while reader.next() != nil { records += 1 }
        #expect(records == 0)
        #expect(reader.interfaces.count == 4096)
        #expect(reader.warnings.map(\.name) == ["too_many_interfaces"])
    }

    /// An interface name or description is kept to 1 KiB (the option may hold 64 KiB, and 4096
    /// interfaces of two such options each would hold 512 MB).
    @Test func interfaceTextIsCut() throws {
        let long = String(repeating: "x", count: 60_000)
        let path = TemporaryDirectory.shared.write(CaptureBytes.pcapng([HostileFileTests.syn], options: [.name(long), .description(long)]),
                                     name: "regression-long-name.pcapng")
        let reader = try CaptureFileReader(path: path)
        _ = reader.next()
        #expect(reader.interfaces.first?.name?.utf8.count == 1024)
        #expect(reader.interfaces.first?.description?.utf8.count == 1024)
        #expect(reader.warnings.isEmpty)
    }

    /// A file name with escape sequences was printed raw in the one-line error for an unreadable
    /// input (`calicap: <ESC>[2J….pcap: cannot open: …`).
    @Test func unreadableFileNameIsPrintable() throws {
        let error = CaptureFileError.cannotOpen(path: "a\u{1b}[2J\u{9b}\nb.pcap", reason: "No such file or directory")
        #expect(error.description == "calicap: a\\x1b[2J\\x9b\\x0ab.pcap: cannot open: No such file or directory")
        #expect(error.path == "a\u{1b}[2J\u{9b}\nb.pcap")
    }

    /// Tunnel outer addresses learned per pod block were unbounded, so IPIP packets
    /// with random outer sources grew memory with the file (calicap peaked at 126 MB for 1 M such
    /// packets with --max-flows 1000, 39 MB for 100 000; 29 MB for both after the fix).
    @Test func nodesLearnedPerPodBlockAreBounded() {
        var evidence = AddressEvidence()
        for index in 0..<100_000 {
            var packet = Dissection()
            packet.ip = IPFacts(
                source: .v4(IPv4Address(10, 0, 0, 1)), destination: .v4(IPv4Address(10, 0, 0, 2)),
                protocolNumber: .udp, length: 0, tunnelDepth: 1)
            packet.tunnels.push(
                Encapsulation(kind: .ipInIP, outerSource: .v4(IPv4Address(rawValue: 0xC000_0000 | UInt32(index))),
                              outerDestination: .v4(IPv4Address(192, 168, 0, 2))))
            evidence.learn(fromFirstObservation: packet, capturePoint: 0)
        }
        #expect(evidence.blockNodes.count == 1)
        #expect(evidence.blockNodes.values.allSatisfy { $0.count <= 64 })
        #expect(evidence.nodeAddresses.count <= evidence.limit)
    }
}
