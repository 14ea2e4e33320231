import CalicapTestSupport
import CaptureFile
import Testing
import Wire

/// Real captures from other projects' test suites, copied from /work/shared/traces/public into
/// Fixtures/capture-files/ (the tcpdump and Zeek empty files renamed tcpdump-empty.pcapng and
/// zeek-empty.pcap). Expected counts come from libpcap 1.10.3 (`tcpdump -r FILE -n 2>/dev/null | wc -l`)
/// and Wireshark (`capinfos -c FILE`); both agree on every file they can read.
@Suite struct FixtureFileTests {
    func open(_ name: String) throws(CaptureFileError) -> CaptureFileReader {
        try CaptureFileReader(path: Fixtures.captureFile(name))
    }

    /// gopacket: one section, one Ethernet interface, 4 DHCP packets, all timestamped 0.
    /// tcpdump prints 4 lines, capinfos reports 4 packets.
    @Test func gopacketTest001() throws {
        let reader = try open("test001.pcapng")
        let records = reader.readAll()
        #expect(reader.format == .pcapng)
        #expect(records.count == 4)
        #expect(records.map(\.capturedLength) == [314, 342, 314, 342])
        #expect(records.allSatisfy { $0.timestamp == .zero && $0.interfaceIndex == 0 })
        #expect(reader.interfaces.map(\.linkType) == [.ethernet])
        #expect(reader.warnings.isEmpty)
    }

    /// Zeek: two Ethernet interfaces (eth0 with if_tsresol 9, a Windows NPF device with the default
    /// µs resolution), 2 + 4 packets. tcpdump prints 6 lines, capinfos reports 6 packets; the
    /// timestamps below are tshark's `frame.time_epoch`.
    @Test func zeekMultiInterface() throws {
        let reader = try open("pcapng-multi-interface.pcapng")
        let records = reader.readAll()
        #expect(records.count == 6)
        #expect(records.map(\.interfaceIndex) == [0, 0, 1, 1, 1, 1])
        #expect(records.map(\.capturedLength) == [96, 214, 70, 166, 70, 182])
        #expect(reader.interfaces.count == 2)
        #expect(reader.interfaces.first?.name == "eth0")
        #expect(reader.interfaces.last?.name == "\\Device\\NPF_{5AE6EDB4-EFF9-46B3-A3C2-EE50C688A9E6}")
        #expect(reader.interfaces.last?.description == "Ethernet 2")
        #expect(reader.interfaces.map(\.timestampResolution) == [9, 6])
        #expect(records.first?.timestamp == Timestamp(seconds: 1_767_663_089, nanoseconds: 500_330_493))
        #expect(records.last?.timestamp == Timestamp(seconds: 1_767_663_437, nanoseconds: 140_942_000))
        #expect(reader.warnings.isEmpty)
    }

    /// libpcap's test file: a Section Header Block whose first option claims 12336 bytes and whose
    /// trailing length (0x30303030) does not match the leading one (52). libpcap refuses the file
    /// ("block total length in header and trailer don't match") and capinfos calls it corrupt.
    /// The reader opens it (magic, byte order and version 1.0 are valid), checks the block framing
    /// before looking at any option, and ends the stream at once with `bad_block_length`:
    /// zero records, one warning, no trap. That is the same verdict without making the caller
    /// special-case an open error for a file whose header is well formed.
    @Test func libpcapSectionOptionTooLong() throws {
        let reader = try open("shb-option-too-long.pcapng")
        #expect(reader.readAll().isEmpty)
        #expect(reader.warningNames == ["bad_block_length"])
        #expect(reader.warnings.first?.byteOffset == 0)
        #expect(reader.next() == nil)
    }

    /// libpcap's test file: a little-endian pcap header with version 1.4. libpcap refuses it
    /// ("archaic pcap savefile format"), capinfos too ("major version 1 unsupported"). The reader
    /// throws `unsupportedVersion` the same way: the 1.x record layout is not documented anywhere.
    @Test func libpcapInvalidVersion() {
        let path = Fixtures.captureFile("pcap-invalid-version-1.pcap")
        #expect(throws: CaptureFileError.unsupportedVersion(path: path, major: 1, minor: 4)) {
            try CaptureFileReader(path: path)
        }
    }

    /// PcapPlusPlus: big-endian, nanosecond magic a1b23c4d, 10 packets (tcpdump 10 lines,
    /// capinfos 10 packets); the first timestamp is tshark's 1766361926.167647291.
    @Test func pcapPlusPlusNanosecondsBigEndian() throws {
        let reader = try open("nanosecs_big_endian.pcap")
        let records = reader.readAll()
        #expect(reader.format == .pcap(nanosecond: true, bigEndian: true, versionMajor: 2, versionMinor: 4))
        #expect(records.count == 10)
        #expect(records.first?.timestamp == Timestamp(seconds: 1_766_361_926, nanoseconds: 167_647_291))
        #expect(records.first?.capturedLength == 74)
        #expect(reader.interfaces.map(\.linkType) == [.ethernet])
        #expect(reader.warnings.isEmpty)
    }

    /// tcpdump: an empty pcapng (SHB + one Ethernet IDB, no packets): tcpdump prints nothing,
    /// capinfos reports 0 packets.
    @Test func tcpdumpEmptyPcapng() throws {
        let reader = try open("tcpdump-empty.pcapng")
        #expect(reader.readAll().isEmpty)
        #expect(reader.interfaces.map(\.linkType) == [.ethernet])
        #expect(reader.interfaces.first?.snapLength == 262_144)
        #expect(reader.warnings.isEmpty)
    }

    /// tcpdump: little-endian nanosecond pcap, Linux cooked capture (113), 3 packets
    /// (tcpdump 3 lines, capinfos 3 packets); timestamps from tshark.
    @Test func tcpdumpHandshakeNano() throws {
        let reader = try open("tcp-handshake-nano.pcap")
        let records = reader.readAll()
        #expect(reader.format == .pcap(nanosecond: true, bigEndian: false, versionMajor: 2, versionMinor: 4))
        #expect(records.count == 3)
        #expect(records.map(\.capturedLength) == [76, 76, 68])
        #expect(records.first?.timestamp == Timestamp(seconds: 1_418_145_369, nanoseconds: 924_505_488))
        #expect(reader.interfaces.first?.linkType == .linuxSLL)
        #expect(reader.interfaces.first?.snapLength == 262_144)
        #expect(reader.warnings.isEmpty)
    }

    /// Zeek: a bare 24-byte pcap header (snaplen 2000, Ethernet) and no records: tcpdump prints
    /// nothing, capinfos reports 0 packets.
    @Test func zeekEmptyPcap() throws {
        let reader = try open("zeek-empty.pcap")
        #expect(reader.readAll().isEmpty)
        #expect(reader.interfaces.first?.snapLength == 2000)
        #expect(reader.warnings.isEmpty)
    }
}
