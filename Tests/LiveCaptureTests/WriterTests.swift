import CalicapTestSupport
import CaptureFile
import Foundation
import Testing
import Wire

#if canImport(Glibc)
import Glibc
#endif

/// A packet to write and expect back.
struct WrittenPacket: Equatable {
    var interface: Int
    var time: Int64
    var originalLength: Int
    var bytes: [UInt8]
}

/// Packets to write, and reading them back.
enum WriterScratch {
    /// Packets of every size class: tiny, odd lengths (pcapng padding), snaplen-cut, ~1500.
    static func packets(count: Int, interfaces: Int = 1, start: Int64 = 1_795_000_000_123_456_789) -> [WrittenPacket] {
        (0..<count).map { index in
            let length = [1, 2, 3, 60, 61, 62, 63, 64, 1514][index % 9]
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ index) }
            return WrittenPacket(
                interface: index % interfaces, time: start + Int64(index) * 1_000_003,
                originalLength: index % 5 == 0 ? length + 100 : length, bytes: bytes)
        }
    }

    static func write(_ packets: [WrittenPacket], to writer: CaptureFileWriter) throws {
        for packet in packets {
            try packet.bytes.withUnsafeBytes { bytes in
                try writer.write(
                    interfaceIndex: packet.interface, timestamp: packet.time, originalLength: packet.originalLength,
                    bytes: bytes)
            }
        }
    }

    /// Everything a reader returns: interfaces, packets, warnings.
    static func read(_ path: String) throws -> (interfaces: [CaptureInterface], packets: [WrittenPacket], warnings: [CaptureFileWarning]) {
        let reader = try CaptureFileReader(path: path)
        var packets: [WrittenPacket] = []
        while let record = reader.next() {
            let time = record.timestamp.seconds * 1_000_000_000 + Int64(record.timestamp.nanoseconds)
            packets.append(
                WrittenPacket(
                    interface: record.interfaceIndex, time: time, originalLength: record.originalLength,
                    bytes: Array(record.bytes)))
        }
        return (reader.interfaces, packets, reader.warnings)
    }

    /// Microsecond precision, as classic pcap stores it.
    static func microseconds(_ packets: [WrittenPacket]) -> [WrittenPacket] {
        packets.map { packet in
            var copy = packet
            copy.time = packet.time / 1000 * 1000
            return copy
        }
    }

    static func tool(_ name: String) -> String? {
        for directory in ["/usr/bin", "/usr/sbin", "/usr/local/bin", "/bin", "/sbin"] {
            let path = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// Runs a tool; its exit status and standard output.
    static func run(_ tool: String, _ arguments: [String]) throws -> (Int32, String) {
        let outcome = try ProcessRunner.run(tool, arguments)
        return (outcome.status, outcome.standardOutput)
    }
}

@Suite struct WriterTests {
    static let ethernet = CaptureInterface(linkType: .ethernet, snapLength: 262_144, name: "eth0")
    static let tunnel = CaptureInterface(linkType: .raw, snapLength: 65_535, name: "tunl0")

    @Test(arguments: [false, true])
    func classicPcapRoundTrip(nanosecond: Bool) throws {
        let scratch = TemporaryDirectory(prefix: "calicap-writer")
        let path = scratch.file("w.pcap")
        let packets = WriterScratch.packets(count: 40)
        let writer = try CaptureFileWriter(path: path, format: .pcap(nanosecond: nanosecond), interfaces: [Self.ethernet])
        try WriterScratch.write(packets, to: writer)
        try writer.close()
        #expect(writer.recordCount == 40)

        let back = try WriterScratch.read(path)
        #expect(back.warnings.isEmpty)
        #expect(back.interfaces.count == 1)
        #expect(back.interfaces.first?.linkType == .ethernet)
        #expect(back.interfaces.first?.snapLength == 262_144)
        #expect(back.interfaces.first?.name == nil)
        #expect(back.interfaces.first?.timestampResolution == (nanosecond ? 9 : 6))
        #expect(back.packets == (nanosecond ? packets : WriterScratch.microseconds(packets)))
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? -1
        #expect(size == writer.byteCount)
    }

    @Test func pcapngRoundTripKeepsInterfaceNamesLinkTypesAndNanoseconds() throws {
        let scratch = TemporaryDirectory(prefix: "calicap-writer")
        let path = scratch.file("w.pcapng")
        let packets = WriterScratch.packets(count: 50, interfaces: 2)
        let writer = try CaptureFileWriter(
            path: path, format: .pcapng, interfaces: [Self.ethernet, Self.tunnel], application: "calicap tests")
        try WriterScratch.write(packets, to: writer)
        try writer.close()

        let back = try WriterScratch.read(path)
        #expect(back.warnings.isEmpty)
        #expect(back.interfaces.map(\.name) == ["eth0", "tunl0"])
        #expect(back.interfaces.map(\.linkType) == [.ethernet, .raw])
        #expect(back.interfaces.map(\.snapLength) == [262_144, 65_535])
        #expect(back.interfaces.map(\.timestampResolution) == [9, 9])
        #expect(back.packets == packets)
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? -1
        #expect(size == writer.byteCount)
        #expect(size % 4 == 0)
    }

    @Test(arguments: [CaptureFileWriterFormat.pcap(nanosecond: true), .pcapng])
    func packetsLargerThanTheBufferAreWrittenThrough(format: CaptureFileWriterFormat) throws {
        let scratch = TemporaryDirectory(prefix: "calicap-writer")
        let path = scratch.file("w")
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        try #require(descriptor >= 0)
        let writer = try CaptureFileWriter(
            fileDescriptor: descriptor, name: path, ownsDescriptor: true, format: format,
            interfaces: [CaptureInterface(linkType: .ethernet, snapLength: 262_144, name: "lo")], bufferCapacity: 256)
        var packets = WriterScratch.packets(count: 5)
        packets.insert(
            WrittenPacket(interface: 0, time: 1_795_000_000_000_000_001, originalLength: 200_001,
                          bytes: (0..<200_001).map { UInt8(truncatingIfNeeded: $0) }), at: 2)
        packets.append(WrittenPacket(interface: 0, time: 1_795_000_001_000_000_000, originalLength: 255, bytes: Array(repeating: 9, count: 255)))
        try WriterScratch.write(packets, to: writer)
        try writer.close()
        let back = try WriterScratch.read(path)
        #expect(back.warnings.isEmpty)
        #expect(back.packets == packets)
    }

    @Test func flushingEachRecordMakesItReadableAtOnce() throws {
        let scratch = TemporaryDirectory(prefix: "calicap-writer")
        let path = scratch.file("w.pcapng")
        let writer = try CaptureFileWriter(path: path, format: .pcapng, interfaces: [Self.ethernet])
        writer.flushesEachRecord = true
        let packets = WriterScratch.packets(count: 3)
        try WriterScratch.write(packets, to: writer)
        // Not closed yet: everything is already in the file.
        let back = try WriterScratch.read(path)
        #expect(back.packets == packets)
        #expect(back.warnings.isEmpty)
        try writer.close()
    }

    @Test func anEmptyCaptureIsStillAValidFile() throws {
        let folder = TemporaryDirectory(prefix: "calicap-writer")
        for (name, format) in [("w.pcap", CaptureFileWriterFormat.pcap(nanosecond: false)), ("w.pcapng", .pcapng)] {
            let path = folder.file(name)
            try CaptureFileWriter(path: path, format: format, interfaces: [Self.ethernet]).close()
            let back = try WriterScratch.read(path)
            #expect(back.packets.isEmpty)
            #expect(back.interfaces.count == 1)
            #expect(back.warnings.isEmpty)
        }
    }

    @Test func classicPcapRefusesSeveralInterfaces() throws {
        let scratch = TemporaryDirectory(prefix: "calicap-writer")
        let path = scratch.file("w.pcap")
        #expect(throws: CaptureFileWriterError.self) {
            _ = try CaptureFileWriter(path: path, format: .pcap(nanosecond: false), interfaces: [Self.ethernet, Self.tunnel])
        }
    }

    @Test func unknownInterfaceIndexIsAnError() throws {
        let scratch = TemporaryDirectory(prefix: "calicap-writer")
        let path = scratch.file("w.pcapng")
        let writer = try CaptureFileWriter(path: path, format: .pcapng, interfaces: [Self.ethernet])
        let error = #expect(throws: CaptureFileWriterError.self) {
            try [UInt8](repeating: 0, count: 10).withUnsafeBytes {
                try writer.write(interfaceIndex: 3, timestamp: 0, originalLength: 10, bytes: $0)
            }
        }
        #expect(error == .unknownInterface(path: path, index: 3))
        try writer.close()
    }

    @Test func writeErrorsNameTheFileAndTheReason() throws {
        // /dev/full: every write fails with ENOSPC, here already for the file header.
        let error = #expect(throws: CaptureFileWriterError.self) {
            _ = try CaptureFileWriter(path: "/dev/full", format: .pcapng, interfaces: [Self.ethernet])
        }
        #expect(error?.description == "cannot write /dev/full: No space left on device")

        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("calicap-writer-\(getpid())-none/no/such/w.pcap").path
        let createError = #expect(throws: CaptureFileWriterError.self) {
            _ = try CaptureFileWriter(path: missing, format: .pcap(nanosecond: false), interfaces: [Self.ethernet])
        }
        #expect(createError?.description == "cannot create \(missing): No such file or directory")
    }

    @Test func closingTwiceIsHarmlessAndWritingAfterCloseFails() throws {
        let scratch = TemporaryDirectory(prefix: "calicap-writer")
        let path = scratch.file("w.pcapng")
        let writer = try CaptureFileWriter(path: path, format: .pcapng, interfaces: [Self.ethernet])
        try writer.close()
        try writer.close()
        #expect(throws: CaptureFileWriterError.self) {
            try [UInt8](repeating: 0, count: 4).withUnsafeBytes {
                try writer.write(timestamp: 0, originalLength: 4, bytes: $0)
            }
        }
    }

    @Test func tcpdumpAndTsharkReadWhatIsWritten() throws {
        let folder = TemporaryDirectory(prefix: "calicap-writer")
        let packets = WriterScratch.packets(count: 20, interfaces: 2)
        let pcapng = folder.file("two.pcapng")
        let both = [Self.ethernet, CaptureInterface(linkType: .ethernet, snapLength: 262_144, name: "cali1234")]
        let writer = try CaptureFileWriter(path: pcapng, format: .pcapng, interfaces: both)
        try WriterScratch.write(packets, to: writer)
        try writer.close()
        let pcap = folder.file("one.pcap")
        let single = try CaptureFileWriter(path: pcap, format: .pcap(nanosecond: false), interfaces: [Self.ethernet])
        try WriterScratch.write(WriterScratch.packets(count: 20), to: single)
        try single.close()

        if let tcpdump = WriterScratch.tool("tcpdump") {
            for path in [pcapng, pcap] {
                let (status, output) = try WriterScratch.run(tcpdump, ["--count", "-r", path])
                #expect(status == 0, "tcpdump -r \(path)")
                #expect(output.hasPrefix("20 packets"), "tcpdump -r \(path): \(output)")
            }
        }
        if let tshark = WriterScratch.tool("tshark") {
            let (status, output) = try WriterScratch.run(tshark, ["-r", pcapng, "-T", "fields", "-e", "frame.interface_name"])
            #expect(status == 0)
            let names = output.split(separator: "\n").map(String.init)
            #expect(names == packets.map { $0.interface == 0 ? "eth0" : "cali1234" })
        }
    }
}

@Suite struct RotationTests {
    static let ethernet = CaptureInterface(linkType: .ethernet, snapLength: 262_144, name: "eth0")

    @Test func fileNamesFollowTcpdump() {
        let time: Int64 = 1_795_700_000  // 2026-11-26 13:33:20 UTC
        #expect(RotatingCaptureWriter.fileName(pattern: "w.pcap", number: 0, width: 0, time: time, expandsTime: false) == "w.pcap")
        #expect(RotatingCaptureWriter.fileName(pattern: "w.pcap", number: 3, width: 0, time: time, expandsTime: false) == "w.pcap3")
        #expect(RotatingCaptureWriter.fileName(pattern: "w.pcap", number: 0, width: 1, time: time, expandsTime: false) == "w.pcap0")
        #expect(RotatingCaptureWriter.fileName(pattern: "w.pcap", number: 7, width: 2, time: time, expandsTime: false) == "w.pcap07")
        #expect(RotatingCaptureWriter.fileName(pattern: "w-%Y%m%d-%H%M%S.pcapng", number: 0, width: 0, time: 1_795_700_000, expandsTime: true) == "w-20261126-133320.pcapng")
        #expect(RotatingCaptureWriter.fileName(pattern: "w-%H.pcapng", number: 0, width: 0, time: 1_795_700_000, expandsTime: true, utcOffsetSeconds: 3600) == "w-14.pcapng")
        // Without -G the pattern is a plain name, % and all.
        #expect(RotatingCaptureWriter.fileName(pattern: "w-%H.pcapng", number: 0, width: 0, time: time, expandsTime: false) == "w-%H.pcapng")
        #expect(CaptureFileWriterRotation(fileSizeLimit: 1, fileCount: 10).numberWidth == 1)
        #expect(CaptureFileWriterRotation(fileSizeLimit: 1, fileCount: 11).numberWidth == 2)
        #expect(CaptureFileWriterRotation(fileSizeLimit: 1, fileCount: 1).numberWidth == 0)
    }

    @Test func sizeRotationMakesCompleteNumberedFiles() throws {
        let folder = TemporaryDirectory(prefix: "calicap-writer")
        let pattern = folder.file("w.pcapng")
        let writer = try RotatingCaptureWriter(
            pattern: pattern, format: .pcapng, interfaces: [Self.ethernet],
            rotation: CaptureFileWriterRotation(fileSizeLimit: 1000), startSeconds: 1_795_000_000)
        let packets = WriterScratch.packets(count: 60)
        for packet in packets {
            let outcome = try packet.bytes.withUnsafeBytes {
                try writer.write(timestamp: packet.time, originalLength: packet.originalLength, bytes: $0)
            }
            #expect(outcome == .written)
        }
        try writer.close()
        #expect(writer.openedPaths.count > 3)
        #expect(writer.openedPaths[0] == pattern)
        #expect(writer.openedPaths[1] == pattern + "1")
        #expect(writer.openedPaths[2] == pattern + "2")
        var all: [WrittenPacket] = []
        for path in writer.openedPaths {
            let back = try WriterScratch.read(path)
            #expect(back.warnings.isEmpty, "\(path)")
            #expect(back.interfaces.first?.name == "eth0", "\(path)")
            all += back.packets
        }
        #expect(all == packets)
    }

    @Test func sizeRotationWithACountIsARing() throws {
        let folder = TemporaryDirectory(prefix: "calicap-writer")
        let pattern = folder.file("r.pcap")
        let writer = try RotatingCaptureWriter(
            pattern: pattern, format: .pcap(nanosecond: true), interfaces: [Self.ethernet],
            rotation: CaptureFileWriterRotation(fileSizeLimit: 1000, fileCount: 3), startSeconds: 1_795_000_000)
        let packets = WriterScratch.packets(count: 90)
        for packet in packets {
            try packet.bytes.withUnsafeBytes {
                _ = try writer.write(timestamp: packet.time, originalLength: packet.originalLength, bytes: $0)
            }
        }
        try writer.close()
        #expect(writer.openedPaths.count > 3)
        #expect(Array(writer.openedPaths.prefix(4)) == [pattern + "0", pattern + "1", pattern + "2", pattern + "0"])
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == ["r.pcap0", "r.pcap1", "r.pcap2"])
        // Every file of the ring is complete; together they hold the newest packets, in order.
        var kept: [WrittenPacket] = []
        for path in writer.openedPaths.suffix(3) {
            let back = try WriterScratch.read(path)
            #expect(back.warnings.isEmpty)
            kept += back.packets
        }
        #expect(kept == Array(packets.suffix(kept.count)))
    }

    @Test func timeRotationUsesStrftimeNamesAndStopsAtTheCount() throws {
        let folder = TemporaryDirectory(prefix: "calicap-writer")
        let pattern = folder.file("t-%H%M%S.pcapng")
        let start: Int64 = 1_795_700_000
        let writer = try RotatingCaptureWriter(
            pattern: pattern, format: .pcapng, interfaces: [Self.ethernet],
            rotation: CaptureFileWriterRotation(intervalSeconds: 10, fileCount: 3), startSeconds: start)
        var outcomes: [RotatingCaptureWriter.Outcome] = []
        for second in stride(from: Int64(0), to: 45, by: 3) {
            let outcome = try [UInt8](repeating: 1, count: 60).withUnsafeBytes {
                try writer.write(timestamp: (start + second) * 1_000_000_000, originalLength: 60, bytes: $0)
            }
            outcomes.append(outcome)
            if outcome == .fileLimitReached { break }
        }
        try writer.close()
        #expect(outcomes.last == .fileLimitReached)
        // Periods start with the packet that opens them (as tcpdump's -G): 0-9, 12-21, 24-33; 36 ends it.
        #expect(outcomes.filter { $0 == .written }.count == 12)
        #expect(writer.openedPaths.map { URL(fileURLWithPath: $0).lastPathComponent } == ["t-133320.pcapng", "t-133332.pcapng", "t-133344.pcapng"])
        for path in writer.openedPaths {
            #expect(try WriterScratch.read(path).warnings.isEmpty)
        }
    }
}
