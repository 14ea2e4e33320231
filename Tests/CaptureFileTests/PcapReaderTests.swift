import CalicapTestSupport
import CaptureFile
import Testing
import Wire

@Suite struct PcapReaderTests {
    /// Three records: 60 bytes, 0 bytes, 1500 bytes cut to 100 by the snaplen.
    static func sample(bigEndian: Bool = false, nanosecond: Bool = false, linkType: UInt32 = 1) -> [UInt8] {
        var file = CaptureBytes(bigEndian: bigEndian)
        file.pcapHeader(nanosecond: nanosecond, snapLength: 100, linkType: linkType)
        file.pcapRecord(seconds: 1_700_000_000, fraction: 5, data: CaptureBytes.payload(60, seed: 1))
        file.pcapRecord(seconds: 1_700_000_001, fraction: 0, data: [])
        file.pcapRecord(
            seconds: 1_700_000_002, fraction: 999_999, data: CaptureBytes.payload(100, seed: 2), originalLength: 1500)
        return file.bytes
    }

    static let sampleRecordEnds = [24 + 16 + 60, 24 + 16 + 60 + 16, 24 + 16 + 60 + 16 + 16 + 100]

    @Test(arguments: [false, true], [false, true])
    func everyMagicAndByteOrder(bigEndian: Bool, nanosecond: Bool) throws {
        let directory = TemporaryDirectory()
        let reader = try reader(for: Self.sample(bigEndian: bigEndian, nanosecond: nanosecond), in: directory)
        #expect(reader.format == .pcap(nanosecond: nanosecond, bigEndian: bigEndian, versionMajor: 2, versionMinor: 4))
        #expect(reader.interfaces == [
            CaptureInterface(linkType: .ethernet, snapLength: 100, timestampResolution: nanosecond ? 9 : 6)
        ])
        let records = reader.readAll()
        #expect(records.count == 3)
        #expect(reader.recordCount == 3)
        #expect(records.map(\.capturedLength) == [60, 0, 100])
        #expect(records.map(\.originalLength) == [60, 0, 1500])
        #expect(records.map(\.bytes.count) == [60, 0, 100])
        #expect(records.first?.bytes == CaptureBytes.payload(60, seed: 1))
        #expect(records.last?.bytes == CaptureBytes.payload(100, seed: 2))
        #expect(records.allSatisfy { $0.interfaceIndex == 0 })
        let unit: UInt32 = nanosecond ? 1 : 1000
        #expect(records.map(\.timestamp) == [
            Timestamp(seconds: 1_700_000_000, nanoseconds: 5 * unit),
            Timestamp(seconds: 1_700_000_001, nanoseconds: 0),
            Timestamp(seconds: 1_700_000_002, nanoseconds: 999_999 * unit),
        ])
        #expect(reader.warnings.isEmpty)
        #expect(reader.next() == nil)
        #expect(reader.recordCount == 3)
    }

    @Test func linkTypeIsTheLow16BitsOfTheNetworkField() throws {
        let directory = TemporaryDirectory()
        // Bits 28–31 carry FCS information (F bit and FCS length) per the linktypes spec.
        let reader = try reader(for: Self.sample(linkType: 0xF000_0000 | 276), in: directory)
        #expect(reader.interfaces.first?.linkType == .linuxSLL2)
        let raw = try CaptureFileReader(path: directory.write(Self.sample(linkType: 101), name: "raw.pcap"))
        #expect(raw.interfaces.first?.linkType == .raw)
    }

    @Test func fractionsBeyondOneSecondAreCarried() throws {
        let directory = TemporaryDirectory()
        var micro = CaptureBytes()
        micro.pcapHeader()
        micro.pcapRecord(seconds: UInt32.max, fraction: UInt32.max, data: [1])
        let microRecords = try reader(for: micro.bytes, in: directory, name: "us.pcap").readAll()
        // 4294967295 µs = 4294 s + 967295 µs.
        #expect(microRecords.first?.timestamp == Timestamp(seconds: 4_294_967_295 + 4294, nanoseconds: 967_295_000))

        var nano = CaptureBytes(bigEndian: true)
        nano.pcapHeader(nanosecond: true)
        nano.pcapRecord(seconds: 10, fraction: 2_500_000_000, data: [1])
        let nanoRecords = try reader(for: nano.bytes, in: directory, name: "ns.pcap").readAll()
        #expect(nanoRecords.first?.timestamp == Timestamp(seconds: 12, nanoseconds: 500_000_000))
    }

    @Test func capturedLengthAboveTheWireLengthIsAccepted() throws {
        let directory = TemporaryDirectory()
        var file = CaptureBytes()
        file.pcapHeader()
        file.pcapRecord(seconds: 1, fraction: 0, data: CaptureBytes.payload(80, seed: 3), originalLength: 60)
        let reader = try reader(for: file.bytes, in: directory)
        let records = reader.readAll()
        #expect(records.map(\.capturedLength) == [80])
        #expect(records.map(\.originalLength) == [60])
        #expect(reader.warnings.isEmpty)
    }

    @Test func capturedLengthUpToTheDefaultLimitIsAcceptedWhateverTheSnapLength() throws {
        let directory = TemporaryDirectory()
        var file = CaptureBytes()
        file.pcapHeader(snapLength: 64)
        file.pcapRecord(seconds: 1, fraction: 0, data: CaptureBytes.payload(262_144, seed: 4))
        let reader = try reader(for: file.bytes, in: directory)
        #expect(reader.readAll().map(\.capturedLength) == [262_144])
        #expect(reader.warnings.isEmpty)
    }

    @Test func hugeCapturedLengthStopsWithAWarning() throws {
        let directory = TemporaryDirectory()
        var file = CaptureBytes()
        file.pcapHeader(snapLength: 65535)
        file.pcapRecord(seconds: 1, fraction: 0, data: [1, 2, 3])
        file.pcapRecord(seconds: 2, fraction: 0, data: [4, 5], capturedLength: 262_145)
        file.pcapRecord(seconds: 3, fraction: 0, data: [6])
        let reader = try reader(for: file.bytes, in: directory)
        #expect(reader.readAll().map(\.bytes) == [[1, 2, 3]])
        #expect(reader.warningNames == ["caplen_too_large"])
        #expect(reader.warnings.first?.byteOffset == 24 + 16 + 3)
        #expect(reader.warnings.first?.detail.contains("record 2 at byte offset 43") == true)
        #expect(reader.next() == nil)
        #expect(reader.warnings.count == 1)
    }

    @Test(arguments: [UInt32.max, UInt32(256 << 20) + 1, 0x8000_0000])
    func hardCapAppliesEvenWithAHugeSnapLength(capturedLength: UInt32) throws {
        let directory = TemporaryDirectory()
        var file = CaptureBytes()
        file.pcapHeader(snapLength: UInt32.max)
        file.pcapRecord(seconds: 1, fraction: 0, data: [], capturedLength: capturedLength)
        let reader = try reader(for: file.bytes, in: directory)
        #expect(reader.readAll().isEmpty)
        #expect(reader.warningNames == ["caplen_too_large"])
    }

    @Test func garbageAfterAValidFileEndsTheStreamWithAWarning() throws {
        let directory = TemporaryDirectory()
        let text = Array("This is not a pcap record, just text appended by mistake.\n".utf8)
        for garbage in [text, [UInt8](repeating: 0xFF, count: 40), [UInt8](repeating: 0, count: 7)] {
            let reader = try reader(for: Self.sample() + garbage, in: directory)
            #expect(reader.readAll().count == 3)
            #expect(reader.warnings.count == 1)
            let name = reader.warnings.first?.name ?? ""
            #expect(["caplen_too_large", "truncated_record", "truncated_record_header"].contains(name))
        }
        // Sixteen zero bytes form a valid empty record: they are returned, not flagged.
        let zeros = try reader(for: Self.sample() + [UInt8](repeating: 0, count: 16), in: directory)
        #expect(zeros.readAll().count == 4)
    }

    /// Cuts the sample at every byte offset: the reader never traps, returns exactly the records
    /// that are complete before the cut, and warns iff part of a record remains.
    @Test(arguments: [false, true])
    func truncationAtEveryOffset(bigEndian: Bool) throws {
        let full = Self.sample(bigEndian: bigEndian)
        let directory = TemporaryDirectory()
        for cut in 0..<full.count {
            let path = directory.write(Array(full.prefix(cut)), name: "cut.pcap")
            if cut == 0 {
                #expect(throws: CaptureFileError.empty(path: path)) { try CaptureFileReader(path: path) }
                continue
            }
            if cut < 24 {
                #expect(throws: CaptureFileError.tooShort(path: path, byteCount: cut)) {
                    try CaptureFileReader(path: path)
                }
                continue
            }
            let reader = try CaptureFileReader(path: path)
            let records = reader.readAll()
            let complete = Self.sampleRecordEnds.filter { $0 <= cut }.count
            #expect(records.count == complete, "cut at \(cut)")
            let atBoundary = cut == 24 || Self.sampleRecordEnds.contains(cut)
            if atBoundary {
                #expect(reader.warnings.isEmpty, "cut at \(cut)")
            } else {
                let recordStart = ([24] + Self.sampleRecordEnds).filter { $0 <= cut }.max() ?? 24
                let expected = cut - recordStart < 16 ? "truncated_record_header" : "truncated_record"
                #expect(reader.warningNames == [expected], "cut at \(cut)")
                #expect(reader.warnings.first?.byteOffset == recordStart, "cut at \(cut)")
            }
            #expect(reader.next() == nil)
        }
    }

    @Test func version23SwapsLengthsOnlyWhenCaplenExceedsLen() throws {
        let directory = TemporaryDirectory()
        var file = CaptureBytes()
        file.pcapHeader(versionMinor: 3)
        // Stored as 2.4 would: caplen 10 ≤ len 50 — kept.
        file.pcapRecord(seconds: 1, fraction: 0, data: CaptureBytes.payload(10, seed: 1), originalLength: 50)
        // Stored in the old order: len 8 first, caplen 4 second — the first field is larger, so swapped.
        file.append(UInt32(2))
        file.append(UInt32(0))
        file.append(UInt32(8))
        file.append(UInt32(4))
        file.append([9, 9, 9, 9])
        let reader = try reader(for: file.bytes, in: directory)
        #expect(reader.format == .pcap(nanosecond: false, bigEndian: false, versionMajor: 2, versionMinor: 3))
        let records = reader.readAll()
        #expect(records.map(\.capturedLength) == [10, 4])
        #expect(records.map(\.originalLength) == [50, 8])
        #expect(records.last?.bytes == [9, 9, 9, 9])
        #expect(reader.warnings.isEmpty)
    }

    @Test func versionsBefore23AlwaysStoreLenFirst() throws {
        let directory = TemporaryDirectory()
        var file = CaptureBytes(bigEndian: true)
        file.pcapHeader(versionMinor: 2)
        file.append(UInt32(1))
        file.append(UInt32(0))
        file.append(UInt32(60))  // len
        file.append(UInt32(3))  // caplen
        file.append([7, 7, 7])
        let records = try reader(for: file.bytes, in: directory).readAll()
        #expect(records.map(\.capturedLength) == [3])
        #expect(records.map(\.originalLength) == [60])
    }

    @Test(arguments: [(UInt16(1), UInt16(4)), (2, 5), (3, 0), (0, 0), (0xFFFF, 0xFFFF)])
    func unsupportedVersionsAreRejected(major: UInt16, minor: UInt16) {
        let directory = TemporaryDirectory()
        for bigEndian in [false, true] {
            var file = CaptureBytes(bigEndian: bigEndian)
            file.pcapHeader(versionMajor: major, versionMinor: minor)
            let path = directory.write(file.bytes, name: "version.pcap")
            #expect(throws: CaptureFileError.unsupportedVersion(path: path, major: major, minor: minor)) {
                try CaptureFileReader(path: path)
            }
        }
    }
}
