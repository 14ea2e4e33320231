@testable import CaptureFile
import CalicapTestSupport
import Glibc
import Testing

/// Pipes, standard input, and records that straddle or exceed the 1 MiB read chunk.
@Suite struct StreamingTests {
    /// A pcap file of `count` records of `size` bytes each.
    static func bigPcap(count: Int, size: Int, snapLength: UInt32) -> [UInt8] {
        var file = CaptureBytes()
        file.pcapHeader(snapLength: snapLength)
        for index in 0..<count {
            file.pcapRecord(
                seconds: UInt32(index), fraction: 0, data: CaptureBytes.payload(size, seed: UInt8(index)))
        }
        return file.bytes
    }

    /// A mixed pcapng: two sections of different byte orders, packets of many sizes.
    static func mixedPcapng(packets: Int) -> [UInt8] {
        var file = CaptureBytes()
        for section in 0..<2 {
            file.section(bigEndian: section == 1)
            file.interface(linkType: 1, options: [.name("eth\(section)")])
            file.interface(linkType: 101, options: [.name("tunl\(section)"), .timestampResolution(9)])
            for index in 0..<packets {
                let size = (index * 397) % 3000
                file.enhancedPacket(
                    interface: UInt32(index % 2), ticks: UInt64(index) * 1_000_003,
                    data: CaptureBytes.payload(size, seed: UInt8(truncatingIfNeeded: index)),
                    options: index % 5 == 0 ? [.comment("packet \(index)")] : [])
                if index % 7 == 0 { file.block(type: 5, body: [UInt8](repeating: 1, count: 28)) }
            }
        }
        return file.bytes
    }

    @Test func recordsStraddlingTheChunkBoundary() throws {
        // 8 × 200 KiB = 1.6 MB: the fifth and sixth records cross the first 1 MiB chunk.
        let directory = TemporaryDirectory()
        let bytes = Self.bigPcap(count: 8, size: 200 * 1024, snapLength: 262_144)
        let reader = try reader(for: bytes, in: directory)
        var count = 0
        while let record = reader.next() {
            #expect(record.capturedLength == 200 * 1024)
            #expect(Array(record.bytes) == CaptureBytes.payload(200 * 1024, seed: UInt8(count)))
            count += 1
        }
        #expect(count == 8)
        #expect(reader.warnings.isEmpty)
    }

    @Test func recordsLargerThanTheChunk() throws {
        // Three 1.5 MiB records (snaplen 4 MiB) grow the buffer beyond its initial 1 MiB.
        let directory = TemporaryDirectory()
        let size = 3 * 512 * 1024
        let bytes = Self.bigPcap(count: 3, size: size, snapLength: 4 << 20)
        let reader = try reader(for: bytes, in: directory)
        let records = reader.readAll()
        #expect(records.map(\.capturedLength) == [size, size, size])
        #expect(records.map(\.bytes) == (0..<3).map { CaptureBytes.payload(size, seed: UInt8($0)) })
        #expect(reader.warnings.isEmpty)
    }

    @Test func threeRecordsOf200KiB() throws {
        let directory = TemporaryDirectory()
        let bytes = Self.bigPcap(count: 3, size: 200 * 1024, snapLength: 262_144)
        let reader = try reader(for: bytes, in: directory)
        #expect(reader.readAll().map(\.capturedLength) == [204_800, 204_800, 204_800])
    }

    /// Tiny buffers and reads of a few bytes at a time give the same records as the defaults.
    @Test(arguments: [(1, 1), (16, 3), (64, 7), (1000, 64), (4096, 4096)])
    func smallChunksAndPartialReads(chunkSize: Int, readLimit: Int) throws {
        let directory = TemporaryDirectory()
        for (name, bytes) in [
            ("a.pcap", Self.bigPcap(count: 5, size: 1500, snapLength: 65535)),
            ("b.pcapng", Self.mixedPcapng(packets: 30)),
        ] {
            let path = directory.write(bytes, name: name)
            let expected = try CaptureFileReader(path: path).readAll()
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            let reader = try CaptureFileReader(
                fileDescriptor: descriptor, name: name, ownsDescriptor: true, chunkSize: chunkSize,
                readLimit: readLimit)
            #expect(reader.readAll() == expected)
            #expect(reader.warnings.isEmpty)
            #expect(expected.count == (name == "a.pcap" ? 5 : 60))
        }
    }

    @Test func pipeFedFromAnotherThread() throws {
        // 3 MB through a 64 KiB pipe in odd-sized writes: the reader sees short reads everywhere.
        let bytes = Self.mixedPcapng(packets: 1000)
        #expect(bytes.count > 3_000_000)
        let directory = TemporaryDirectory()
        let expected = try reader(for: bytes, in: directory).readAll()
        let feeder = try #require(PipeFeeder(bytes: bytes, chunk: 4093))
        feeder.start()
        let reader = try CaptureFileReader(fileDescriptor: feeder.readDescriptor, name: "pipe", ownsDescriptor: true)
        let records = reader.readAll()
        feeder.join()
        #expect(records.count == 2000)
        #expect(records == expected)
        #expect(reader.warnings.isEmpty)
        #expect(reader.interfaces.map(\.name) == ["eth0", "tunl0", "eth1", "tunl1"])
    }

    @Test func truncatedPipe() throws {
        let bytes = Array(Self.bigPcap(count: 4, size: 70_000, snapLength: 262_144).dropLast(10))
        let feeder = try #require(PipeFeeder(bytes: bytes, chunk: 1000))
        feeder.start()
        let reader = try CaptureFileReader(fileDescriptor: feeder.readDescriptor, name: "pipe", ownsDescriptor: true)
        #expect(reader.readAll().count == 3)
        feeder.join()
        #expect(reader.warningNames == ["truncated_record"])
    }

    /// Swaps a pipe in as descriptor 0 for the duration. Skipped when the test process has no
    /// standard input, since descriptor 0 could then be handed to a concurrently running test.
    @Test(.enabled(if: fcntl(STDIN_FILENO, F_GETFD) != -1, "standard input is closed"))
    func standardInput() throws {
        let bytes = PcapReaderTests.sample(bigEndian: true, nanosecond: true)
        var descriptors: [Int32] = [-1, -1]
        #expect(pipe(&descriptors) == 0)
        #expect(writeAll(bytes, to: descriptors[1]))  // fits in the pipe buffer
        close(descriptors[1])
        let savedInput = dup(STDIN_FILENO)
        dup2(descriptors[0], STDIN_FILENO)
        close(descriptors[0])
        defer {
            dup2(savedInput, STDIN_FILENO)
            close(savedInput)
        }
        let reader = try CaptureFileReader(path: "-")
        #expect(reader.name == "stdin")
        #expect(reader.format == .pcap(nanosecond: true, bigEndian: true, versionMajor: 2, versionMinor: 4))
        #expect(reader.readAll().map(\.capturedLength) == [60, 0, 100])
        #expect(reader.warnings.isEmpty)
    }

    @Test func emptyPipe() throws {
        let feeder = try #require(PipeFeeder(bytes: [], chunk: 1))
        feeder.start()
        #expect(throws: CaptureFileError.empty(path: "pipe")) {
            try CaptureFileReader(fileDescriptor: feeder.readDescriptor, name: "pipe", ownsDescriptor: true)
        }
        feeder.join()
    }

    @Test func warningsAreCapped() throws {
        var file = CaptureBytes()
        file.section(bigEndian: false)
        for _ in 0..<1500 { file.enhancedPacket(interface: 9, ticks: 0, data: []) }
        let directory = TemporaryDirectory()
        let reader = try reader(for: file.bytes, in: directory)
        #expect(reader.readAll().isEmpty)
        #expect(reader.warnings.count == 1000)
        #expect(reader.suppressedWarningCount == 500)
    }
}
