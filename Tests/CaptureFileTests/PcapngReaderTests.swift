import CalicapTestSupport
import CaptureFile
import Testing
import Wire

@Suite struct PcapngReaderTests {
    /// One section, one Ethernet interface "eth0", two packets (µs timestamps) and one of each
    /// block type that must be skipped.
    static func sample(bigEndian: Bool) -> CaptureBytes {
        var file = CaptureBytes(bigEndian: bigEndian)
        file.section(bigEndian: bigEndian, options: [Option(code: 2, value: Array("test hardware".utf8))])
        file.interface(linkType: 1, snapLength: 65535, options: [.name("eth0"), .description("uplink")])
        file.enhancedPacket(
            interface: 0, ticks: 1_700_000_000_123_456, data: CaptureBytes.payload(60, seed: 1),
            options: [.comment("first")])
        file.block(type: 4, body: [0, 0, 0, 0])  // Name Resolution Block, only the end record
        file.block(type: 5, body: [UInt8](repeating: 0, count: 12))  // Interface Statistics Block
        file.block(type: 0x0A, body: [UInt8](repeating: 0x55, count: 20))  // Decryption Secrets Block
        file.block(type: 0x0BAD, body: [1, 2, 3, 4, 5])  // Custom Block
        file.block(type: 0x1234_5678, body: [])  // unknown
        file.enhancedPacket(
            interface: 0, ticks: 1_700_000_001_000_000, data: CaptureBytes.payload(1, seed: 2), originalLength: 1514)
        return file
    }

    typealias Option = CaptureBytes.Option

    @Test(arguments: [false, true])
    func singleSectionInEitherByteOrder(bigEndian: Bool) throws {
        let directory = TemporaryDirectory()
        let reader = try reader(for: Self.sample(bigEndian: bigEndian).bytes, in: directory)
        #expect(reader.format == .pcapng)
        #expect(reader.interfaces.isEmpty)  // nothing read yet
        let records = reader.readAll()
        #expect(records.count == 2)
        #expect(reader.recordCount == 2)
        #expect(records.map(\.capturedLength) == [60, 1])
        #expect(records.map(\.originalLength) == [60, 1514])
        #expect(records.first?.bytes == CaptureBytes.payload(60, seed: 1))
        #expect(records.map(\.timestamp) == [
            Timestamp(seconds: 1_700_000_000, nanoseconds: 123_456_000),
            Timestamp(seconds: 1_700_000_001, nanoseconds: 0),
        ])
        #expect(reader.interfaces == [
            CaptureInterface(linkType: .ethernet, snapLength: 65535, name: "eth0", description: "uplink")
        ])
        #expect(reader.warnings.isEmpty)
    }

    @Test func sectionsWithDifferentByteOrdersGetFreshInterfaceIndices() throws {
        var file = CaptureBytes()
        file.section(bigEndian: false)
        file.interface(linkType: 1, options: [.name("eth0")])
        file.interface(linkType: 101, options: [.name("tunl0")])
        file.enhancedPacket(interface: 1, ticks: 1, data: [0x45])
        file.enhancedPacket(interface: 0, ticks: 2, data: [0xEE])
        file.section(bigEndian: true)
        file.interface(linkType: 276, options: [.name("any")])
        file.enhancedPacket(interface: 0, ticks: 3, data: [0x02])
        file.section(bigEndian: false)
        file.interface(linkType: 101, options: [.name("vxlan.calico")])
        file.interface(linkType: 1, options: [.name("eth1")])
        file.enhancedPacket(interface: 1, ticks: 4, data: [0x11])
        file.enhancedPacket(interface: 0, ticks: 5, data: [0x60])

        let directory = TemporaryDirectory()
        let reader = try reader(for: file.bytes, in: directory)
        let records = reader.readAll()
        #expect(records.map(\.interfaceIndex) == [1, 0, 2, 4, 3])
        #expect(records.map(\.bytes) == [[0x45], [0xEE], [0x02], [0x11], [0x60]])
        #expect(records.map(\.timestamp.nanoseconds) == [1000, 2000, 3000, 4000, 5000])
        #expect(reader.interfaces.map(\.name) == ["eth0", "tunl0", "any", "vxlan.calico", "eth1"])
        #expect(reader.interfaces.map(\.linkType) == [.ethernet, .raw, .linuxSLL2, .raw, .ethernet])
        #expect(reader.interfaces.map(\.sectionIndex) == [0, 0, 1, 2, 2])
        #expect(reader.warnings.isEmpty)
    }

    /// eth0 and tunl0 in one file: each record names its interface, whose link type decodes it.
    @Test func interfacesWithDifferentLinkTypes() throws {
        var file = CaptureBytes()
        file.section(bigEndian: false)
        file.interface(linkType: 1, snapLength: 262_144, options: [.name("eth0")])
        file.interface(linkType: 101, snapLength: 65535, options: [.name("tunl0"), .description("IPIP tunnel")])
        for index in 0..<6 {
            file.enhancedPacket(interface: UInt32(index % 2), ticks: UInt64(index), data: [UInt8(index)])
        }
        let directory = TemporaryDirectory()
        let reader = try reader(for: file.bytes, in: directory)
        let records = reader.readAll()
        #expect(records.map { reader.interfaces[$0.interfaceIndex].linkType } == [
            .ethernet, .raw, .ethernet, .raw, .ethernet, .raw,
        ])
        #expect(reader.interfaces.last?.description == "IPIP tunnel")
        #expect(reader.interfaces.map(\.snapLength) == [262_144, 65535])
    }

    @Test func nanosecondAndBinaryResolutionsAndOffset() throws {
        var file = CaptureBytes(bigEndian: true)
        file.section(bigEndian: true)
        file.interface(linkType: 1, options: [.timestampResolution(9)])
        file.interface(linkType: 1, options: [.timestampResolution(0x80 | 10), file.timestampOffset(-100)])
        file.interface(linkType: 1, options: [.timestampResolution(0), file.timestampOffset(1_000_000_000)])
        file.enhancedPacket(interface: 0, ticks: 1_700_000_000_987_654_321, data: [1])
        // 2^-10: 1000 × 1024 + 512 ticks = 1000.5 s, minus the 100 s offset.
        file.enhancedPacket(interface: 1, ticks: 1_000 * 1024 + 512, data: [2])
        file.enhancedPacket(interface: 1, ticks: 1, data: [3])  // 1/1024 s = 976562.5 ns → truncated
        file.enhancedPacket(interface: 2, ticks: 42, data: [4])
        let directory = TemporaryDirectory()
        let reader = try reader(for: file.bytes, in: directory)
        let records = reader.readAll()
        #expect(records.map(\.timestamp) == [
            Timestamp(seconds: 1_700_000_000, nanoseconds: 987_654_321),
            Timestamp(seconds: 900, nanoseconds: 500_000_000),
            Timestamp(seconds: -100, nanoseconds: 976_562),
            Timestamp(seconds: 1_000_000_042, nanoseconds: 0),
        ])
        #expect(reader.interfaces.map(\.timestampResolution) == [9, 0x8A, 0])
        #expect(reader.interfaces.map(\.timestampOffsetSeconds) == [0, -100, 1_000_000_000])
        #expect(reader.interfaces.map(\.timestampResolutionNanoseconds) == [1, nil, 1_000_000_000])
    }

    /// Every resolution byte with extreme tick counts and offsets: nothing traps, nanoseconds stay
    /// below one second, and the known values come out exactly.
    @Test func hostileTimestampsNeverOverflow() throws {
        var file = CaptureBytes()
        file.section(bigEndian: false)
        let resolutions = Array(0...255).map(UInt8.init)
        for resolution in resolutions {
            file.interface(linkType: 1, options: [.timestampResolution(resolution), file.timestampOffset(Int64.max)])
        }
        file.interface(linkType: 1, options: [.timestampResolution(0), file.timestampOffset(Int64.min)])
        for index in resolutions.indices {
            for ticks in [UInt64.max, 0, 1, UInt64.max / 3] {
                file.enhancedPacket(interface: UInt32(index), ticks: ticks, data: [])
            }
        }
        file.enhancedPacket(interface: UInt32(resolutions.count), ticks: UInt64.max, data: [])

        let directory = TemporaryDirectory()
        let reader = try reader(for: file.bytes, in: directory)
        let records = reader.readAll()
        #expect(records.count == resolutions.count * 4 + 1)
        #expect(records.allSatisfy { $0.timestamp.nanoseconds < 1_000_000_000 })
        #expect(reader.warnings.isEmpty)
        // 10^0 with offset Int64.max: saturates.
        #expect(records[0].timestamp == Timestamp(seconds: Int64.max, nanoseconds: 0))
        // UInt64.max seconds clamp to Int64.max before the Int64.min offset is added: -1.
        #expect(records.last?.timestamp == Timestamp(seconds: -1, nanoseconds: 0))
        // 10^-19: UInt64.max ticks = 1.8446744073709551615 s → 1 s + 844674407 ns (truncated), plus the offset saturates.
        let decimal19 = records[19 * 4].timestamp
        #expect(decimal19 == Timestamp(seconds: Int64.max, nanoseconds: 844_674_407))
        // 10^-20 and finer: always below a second.
        #expect(records[20 * 4].timestamp.nanoseconds == 184_467_440)
        #expect(records[29 * 4].timestamp.nanoseconds == 0)
        // 2^-64: UInt64.max ticks = 0.99999999999999999994… s → 999999999 ns.
        #expect(records[(0x80 | 64) * 4].timestamp.nanoseconds == 999_999_999)
        // 2^-127 and 10^-127: zero nanoseconds.
        #expect(records[0xFF * 4].timestamp.nanoseconds == 0)
        #expect(records[127 * 4].timestamp.nanoseconds == 0)
    }

    @Test func simpleAndObsoletePacketBlocks() throws {
        var file = CaptureBytes()
        file.section(bigEndian: false)
        file.interface(linkType: 101, snapLength: 4)
        file.enhancedPacket(interface: 0, ticks: 7_000_001, data: [1])
        file.simplePacket(data: [0x45, 0, 0, 20, 0, 0], originalLength: 20)  // cut to snaplen 4
        file.simplePacket(data: [0x60, 1])
        file.obsoletePacket(interface: 0, ticks: 9_000_000, data: [0x45, 9], originalLength: 40)
        let directory = TemporaryDirectory()
        let reader = try reader(for: file.bytes, in: directory)
        let records = reader.readAll()
        #expect(records.map(\.bytes) == [[1], [0x45, 0, 0, 20], [0x60, 1], [0x45, 9]])
        #expect(records.map(\.originalLength) == [1, 20, 2, 40])
        #expect(records.map(\.interfaceIndex) == [0, 0, 0, 0])
        // Simple Packet Blocks take the previous record's timestamp.
        #expect(records.map(\.timestamp) == [
            Timestamp(seconds: 7, nanoseconds: 1000), Timestamp(seconds: 7, nanoseconds: 1000),
            Timestamp(seconds: 7, nanoseconds: 1000), Timestamp(seconds: 9, nanoseconds: 0),
        ])
        #expect(reader.warnings.isEmpty)
    }

    @Test func packetsOfUnknownInterfacesAreSkippedWithAWarning() throws {
        var file = CaptureBytes()
        file.section(bigEndian: false)
        file.simplePacket(data: [1])  // before any interface
        file.interface(linkType: 1)
        file.enhancedPacket(interface: 1, ticks: 0, data: [2])
        file.enhancedPacket(interface: 0, ticks: 0, data: [3])
        file.section(bigEndian: true)
        file.enhancedPacket(interface: 0, ticks: 0, data: [4])  // the new section has no interface yet
        file.interface(linkType: 1)
        file.enhancedPacket(interface: 0, ticks: 0, data: [5])
        let directory = TemporaryDirectory()
        let reader = try reader(for: file.bytes, in: directory)
        let records = reader.readAll()
        #expect(records.map(\.bytes) == [[3], [5]])
        #expect(records.map(\.interfaceIndex) == [0, 1])
        #expect(reader.warningNames == ["unknown_interface", "unknown_interface", "unknown_interface"])
    }

    @Test func packetBlockWhoseCapturedLengthRunsPastItIsSkipped() throws {
        var file = CaptureBytes()
        file.section(bigEndian: false)
        file.interface(linkType: 1)
        file.enhancedPacket(interface: 0, ticks: 0, data: [1, 2, 3, 4], capturedLength: 5)
        file.block(type: 6, body: [0, 0, 0, 0])  // too short for an Enhanced Packet Block
        file.enhancedPacket(interface: 0, ticks: 0, data: [9])
        let directory = TemporaryDirectory()
        let reader = try reader(for: file.bytes, in: directory)
        #expect(reader.readAll().map(\.bytes) == [[9]])
        #expect(reader.warningNames == ["bad_packet_block", "bad_packet_block"])
    }

    @Test func optionRunningPastTheBlockIgnoresTheRestOfTheOptions() throws {
        var file = CaptureBytes()
        file.section(bigEndian: false)
        var runaway = Option.description("truncated")
        runaway.declaredLength = 200
        file.interface(linkType: 1, options: [.name("eth0"), runaway, .timestampResolution(9)])
        file.enhancedPacket(interface: 0, ticks: 1_500_000, data: [1])
        let directory = TemporaryDirectory()
        let reader = try reader(for: file.bytes, in: directory)
        let records = reader.readAll()
        #expect(records.count == 1)
        #expect(reader.interfaces.first?.name == "eth0")
        #expect(reader.interfaces.first?.description == nil)
        #expect(reader.interfaces.first?.timestampResolution == 6)
        #expect(records.first?.timestamp == Timestamp(seconds: 1, nanoseconds: 500_000_000))
        #expect(reader.warningNames == ["bad_option"])
    }

    @Test func optionStringsStopAtANulTerminator() throws {
        var file = CaptureBytes()
        file.section(bigEndian: true)
        file.interface(linkType: 1, options: [Option(code: 2, value: Array("cali1234\0".utf8))])
        let directory = TemporaryDirectory()
        let reader = try reader(for: file.bytes, in: directory)
        _ = reader.readAll()
        #expect(reader.interfaces.first?.name == "cali1234")
    }

    /// (total length, trailing length) pairs that must stop the stream.
    @Test(arguments: [
        (UInt32(8), UInt32(8)), (14, 14), (13, 13), (0, 0), (UInt32.max & ~3, UInt32.max & ~3),
        (20, 24), (24, 20), (20, 0),
    ])
    func badBlockLengthStopsTheStream(total: UInt32, trailer: UInt32) throws {
        var file = CaptureBytes()
        file.section(bigEndian: false)
        file.interface(linkType: 1)
        file.enhancedPacket(interface: 0, ticks: 0, data: [1])
        let body = [UInt8](repeating: 0, count: Int(min(total, 24)) >= 12 ? Int(min(total, 24)) - 12 : 0)
        file.rawBlock(type: 6, totalLength: total, body: body, trailer: trailer)
        file.enhancedPacket(interface: 0, ticks: 0, data: [2])
        let directory = TemporaryDirectory()
        let reader = try reader(for: file.bytes, in: directory)
        #expect(reader.readAll().map(\.bytes) == [[1]])
        #expect(reader.warningNames.first == "bad_block_length")
        #expect(reader.warnings.count == 1)
    }

    @Test func laterSectionWithUnknownByteOrderOrVersionStops() throws {
        let directory = TemporaryDirectory()
        var badMagic = Self.sample(bigEndian: false)
        badMagic.rawBlock(type: 0x0A0D_0D0A, totalLength: 28, body: [1, 2, 3, 4] + [UInt8](repeating: 0, count: 12), trailer: 28)
        let magicReader = try reader(for: badMagic.bytes, in: directory)
        #expect(magicReader.readAll().count == 2)
        #expect(magicReader.warningNames == ["bad_section_header"])

        var badVersion = Self.sample(bigEndian: true)
        badVersion.section(bigEndian: false, major: 2)
        badVersion.interface(linkType: 1)
        badVersion.enhancedPacket(interface: 0, ticks: 0, data: [1])
        let versionReader = try reader(for: badVersion.bytes, in: directory)
        #expect(versionReader.readAll().count == 2)
        #expect(versionReader.warningNames == ["unsupported_section_version"])
    }

    @Test func interfaceBlockTooShortStops() throws {
        var file = CaptureBytes()
        file.section(bigEndian: false)
        file.block(type: 1, body: [1, 0, 0, 0])
        file.interface(linkType: 1)
        file.enhancedPacket(interface: 0, ticks: 0, data: [1])
        let directory = TemporaryDirectory()
        let reader = try reader(for: file.bytes, in: directory)
        #expect(reader.readAll().isEmpty)
        #expect(reader.warningNames == ["bad_interface_block"])
    }

    @Test func garbageAfterTheLastBlockEndsTheStreamWithAWarning() throws {
        let directory = TemporaryDirectory()
        let text = Array("trailing text, not a block at all......\n".utf8)
        for garbage in [text, [UInt8](repeating: 0xFF, count: 64), [0, 0, 0]] {
            let reader = try reader(for: Self.sample(bigEndian: false).bytes + garbage, in: directory)
            #expect(reader.readAll().count == 2)
            #expect(reader.warnings.count == 1)
        }
    }

    /// Cuts the sample at every byte offset: never traps, returns the packets whose blocks are
    /// complete, and warns iff part of a block remains.
    @Test(arguments: [false, true])
    func truncationAtEveryOffset(bigEndian: Bool) throws {
        let full = Self.sample(bigEndian: bigEndian).bytes
        // Block boundaries and the boundaries after which each packet is complete, found by walking
        // the blocks with the writer's byte order.
        var boundaries: [Int] = []
        var packetEnds: [Int] = []
        var offset = 0
        while offset + 8 <= full.count {
            let field = Array(full[(offset + 4)..<(offset + 8)])
            let length = field.reversed().reduce(0) { $0 << 8 | Int($1) }
            let bigLength = field.reduce(0) { $0 << 8 | Int($1) }
            let total = bigEndian ? bigLength : length
            let type = full[offset..<(offset + 4)]
            offset += total
            boundaries.append(offset)
            if type.contains(6) { packetEnds.append(offset) }
        }
        #expect(offset == full.count)
        #expect(packetEnds.count == 2)

        let directory = TemporaryDirectory()
        for cut in 0..<full.count {
            let path = directory.write(Array(full.prefix(cut)), name: "cut.pcapng")
            if cut == 0 {
                #expect(throws: CaptureFileError.empty(path: path)) { try CaptureFileReader(path: path) }
                continue
            }
            if cut < 28 {
                #expect(throws: CaptureFileError.tooShort(path: path, byteCount: cut)) {
                    try CaptureFileReader(path: path)
                }
                continue
            }
            let reader = try CaptureFileReader(path: path)
            let records = reader.readAll()
            #expect(records.count == packetEnds.filter { $0 <= cut }.count, "cut at \(cut)")
            if boundaries.contains(cut) {
                #expect(reader.warnings.isEmpty, "cut at \(cut)")
            } else {
                #expect(reader.warnings.count == 1, "cut at \(cut)")
                let name = reader.warnings.first?.name ?? ""
                #expect(["truncated_block", "truncated_block_header"].contains(name), "cut at \(cut)")
            }
        }
    }
}
