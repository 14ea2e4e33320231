import CalicapTestSupport
import CaptureFile
import Glibc
import Testing

@Suite struct OpenErrorTests {
    @Test func missingFile() {
        let path = "/nonexistent-calicap/missing.pcap"
        #expect(throws: CaptureFileError.cannotOpen(path: path, reason: "No such file or directory")) {
            try CaptureFileReader(path: path)
        }
    }

    @Test(.enabled(if: geteuid() != 0, "root can read any file"))
    func permissionDenied() {
        let directory = TemporaryDirectory()
        let path = directory.write(PcapReaderTests.sample(), name: "secret.pcap")
        chmod(path, 0)
        #expect(throws: CaptureFileError.cannotOpen(path: path, reason: "Permission denied")) {
            try CaptureFileReader(path: path)
        }
    }

    @Test func directory() {
        let directory = TemporaryDirectory()
        let path = directory.makeDirectory(name: "captures")
        #expect(throws: CaptureFileError.isDirectory(path: path)) { try CaptureFileReader(path: path) }
        #expect(throws: CaptureFileError.isDirectory(path: "/")) { try CaptureFileReader(path: "/") }
        rmdir(path)
    }

    @Test func directoryDescriptor() {
        let descriptor = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        #expect(descriptor >= 0)
        #expect(throws: CaptureFileError.isDirectory(path: "root")) {
            try CaptureFileReader(fileDescriptor: descriptor, name: "root", ownsDescriptor: false)
        }
        close(descriptor)
    }

    @Test func emptyFileAndDevNull() {
        let directory = TemporaryDirectory()
        let path = directory.write([], name: "empty.pcap")
        #expect(throws: CaptureFileError.empty(path: path)) { try CaptureFileReader(path: path) }
        #expect(throws: CaptureFileError.empty(path: "/dev/null")) { try CaptureFileReader(path: "/dev/null") }
    }

    @Test func tooShortForAHeader() {
        let directory = TemporaryDirectory()
        let cases: [[UInt8]] = [
            [0xD4], [0xD4, 0xC3, 0xB2], [0x7F, 0x45], Array(PcapReaderTests.sample().prefix(23)),
            Array(PcapngReaderTests.sample(bigEndian: true).bytes.prefix(27)),
        ]
        for bytes in cases {
            let path = directory.write(bytes, name: "short.cap")
            #expect(throws: CaptureFileError.tooShort(path: path, byteCount: bytes.count)) {
                try CaptureFileReader(path: path)
            }
        }
    }

    @Test func unknownMagic() {
        let directory = TemporaryDirectory()
        let elf: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0] + [UInt8](repeating: 0, count: 56)
        let path = directory.write(elf, name: "w1.pcap")
        #expect(throws: CaptureFileError.notACaptureFile(path: path, magic: 0x7F45_4C46)) {
            try CaptureFileReader(path: path)
        }
        // The modified ("Kuznetzov") pcap magic is not supported either.
        let modified = directory.write([0xA1, 0xB2, 0xCD, 0x34] + [UInt8](repeating: 0, count: 20), name: "m.pcap")
        #expect(throws: CaptureFileError.notACaptureFile(path: modified, magic: 0xA1B2_CD34)) {
            try CaptureFileReader(path: modified)
        }
    }

    @Test func pcapngWithUnknownByteOrderOrVersion() {
        let directory = TemporaryDirectory()
        var bytes = PcapngReaderTests.sample(bigEndian: false).bytes
        bytes[8] = 0x12
        let path = directory.write(bytes, name: "bom.pcapng")
        #expect(throws: CaptureFileError.unknownByteOrder(path: path, magic: 0x123C_2B1A)) {
            try CaptureFileReader(path: path)
        }
        var version = CaptureBytes()
        version.section(bigEndian: true, major: 2, minor: 0)
        let versionPath = directory.write(version.bytes, name: "v2.pcapng")
        #expect(throws: CaptureFileError.unsupportedVersion(path: versionPath, major: 2, minor: 0)) {
            try CaptureFileReader(path: versionPath)
        }
    }

    @Test func descriptionsAreOneLine() {
        let errors: [(CaptureFileError, String)] = [
            (.notACaptureFile(path: "w1.pcap", magic: 0x7F45_4C46), "calicap: w1.pcap: not a pcap or pcapng file (magic 0x7f454c46)"),
            (.cannotOpen(path: "a.pcap", reason: "No such file or directory"), "calicap: a.pcap: cannot open: No such file or directory"),
            (.isDirectory(path: "dir"), "calicap: dir: is a directory, not a capture file"),
            (.empty(path: "stdin"), "calicap: stdin: empty file, not a capture file"),
            (.tooShort(path: "s.pcap", byteCount: 3), "calicap: s.pcap: too short for a capture file header (3 bytes)"),
            (.unknownByteOrder(path: "b.pcapng", magic: 0x12), "calicap: b.pcapng: pcapng section header has an unknown byte-order magic 0x00000012"),
            (.unsupportedVersion(path: "v.pcap", major: 1, minor: 4), "calicap: v.pcap: unsupported capture file version 1.4"),
            (.readFailed(path: "r.pcap", reason: "Input/output error"), "calicap: r.pcap: read failed: Input/output error"),
        ]
        for (error, text) in errors {
            #expect(error.description == text)
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func borrowedDescriptorStaysOpen() throws {
        let directory = TemporaryDirectory()
        let path = directory.write(PcapReaderTests.sample(), name: "borrowed.pcap")
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        #expect(descriptor >= 0)
        do {
            let reader = try CaptureFileReader(fileDescriptor: descriptor, name: "borrowed", ownsDescriptor: false)
            #expect(reader.name == "borrowed")
            #expect(reader.readAll().count == 3)
        }
        #expect(fcntl(descriptor, F_GETFD) != -1)
        close(descriptor)
    }
}
