#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Wire

/// A streaming, zero-copy reader of classic pcap and pcapng capture files.
///
/// Reads the descriptor in 1 MiB chunks into one reusable buffer and returns records that point
/// into it, so memory stays bounded by the largest record whatever the file size, and pipes and
/// standard input work (it never seeks). It never traps on input: a damaged tail ends the stream
/// with a `CaptureFileWarning`, and the records before it are returned normally.
///
/// ```swift
/// let reader = try CaptureFileReader(path: "trace.pcapng")
/// while let record = reader.next() {
///     let linkType = reader.interfaces[record.interfaceIndex].linkType
///     …  // record.bytes is valid until the next call to next()
/// }
/// for warning in reader.warnings { … }
/// ```
public final class CaptureFileReader {
    /// The path as given; standard input ("-") is shown as "stdin".
    public let name: String
    public internal(set) var format: CaptureFormat
    /// Interfaces known so far. A pcap file has exactly one; a pcapng file gains one per Interface
    /// Description Block read, with fresh indices for every section.
    public internal(set) var interfaces: [CaptureInterface]
    /// Non-fatal problems met so far, at most `CaptureLimits.maximumWarnings` of them.
    public internal(set) var warnings: [CaptureFileWarning] = []
    /// Warnings met after `warnings` was full: counted, not kept.
    public internal(set) var suppressedWarningCount = 0
    /// Records returned so far.
    public internal(set) var recordCount = 0
    /// The stream offset of the next unread byte.
    public var byteOffset: Int { input.offset }

    let input: InputBuffer
    private let ownsDescriptor: Bool
    /// Set once the stream has ended, cleanly or at a fatal warning.
    var finished = false
    /// The pcap file's byte order, or the current pcapng section's.
    var byteOrder: ByteOrder
    private let isPcapng: Bool

    // Classic pcap.
    let pcapNanosecond: Bool
    /// Versions before 2.3 stored len before caplen.
    let pcapLengthsSwapped: Bool
    /// Version 2.3 files may have either order; libpcap swaps them when caplen > len.
    let pcapLengthsMaybeSwapped: Bool
    /// The largest caplen accepted before the rest of the file is taken for garbage.
    let pcapMaximumCapturedLength: Int

    // pcapng.
    /// The global interface index of each interface id of the current section.
    var sectionInterfaces: [Int] = []
    /// The current section, -1 before the first Section Header Block is read.
    var sectionIndex = -1
    /// One per entry of `interfaces`.
    var timestampScales: [TimestampScale] = []
    /// Simple Packet Blocks carry no timestamp: they get the previous record's.
    var lastTimestamp = Timestamp.zero

    /// Opens a path; "-" reads standard input.
    ///
    /// Throws for a missing file, a permission problem, a directory, an empty file, a file too short
    /// for a header, an unknown magic (not pcap/pcapng) and an unsupported version.
    public convenience init(path: String) throws(CaptureFileError) {
        if path == "-" {
            try self.init(
                fileDescriptor: STDIN_FILENO, name: "stdin", ownsDescriptor: false,
                chunkSize: CaptureLimits.chunkSize, readLimit: Int.max)
            return
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            if code == EISDIR { throw .isDirectory(path: path) }
            throw .cannotOpen(path: path, reason: InputBuffer.describe(errorCode: code))
        }
        try self.init(
            fileDescriptor: descriptor, name: path, ownsDescriptor: true,
            chunkSize: CaptureLimits.chunkSize, readLimit: Int.max)
    }

    /// Reads from an already open descriptor, which is closed by the reader (also when this
    /// initialiser throws) only if `ownsDescriptor`.
    public convenience init(fileDescriptor: Int32, name: String, ownsDescriptor: Bool) throws(CaptureFileError) {
        try self.init(
            fileDescriptor: fileDescriptor, name: name, ownsDescriptor: ownsDescriptor,
            chunkSize: CaptureLimits.chunkSize, readLimit: Int.max)
    }

    /// `chunkSize` is the initial buffer size and `readLimit` caps each `read(2)`; tests shrink both
    /// to exercise records that straddle chunks.
    init(
        fileDescriptor: Int32, name: String, ownsDescriptor: Bool, chunkSize: Int, readLimit: Int
    ) throws(CaptureFileError) {
        var opened = false
        defer {
            if !opened && ownsDescriptor { close(fileDescriptor) }
        }
        var status = stat()
        if fstat(fileDescriptor, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
            throw .isDirectory(path: name)
        }

        let input = InputBuffer(descriptor: fileDescriptor, chunkSize: chunkSize, readLimit: readLimit)
        let wanted = max(Self.pcapHeaderLength, PcapngBlockType.minimumSectionHeaderLength)
        let available = input.fill(atLeast: wanted)
        if available < wanted, let code = input.readError {
            if code == EISDIR { throw .isDirectory(path: name) }
            throw .readFailed(path: name, reason: InputBuffer.describe(errorCode: code))
        }
        guard available > 0 else { throw .empty(path: name) }
        guard available >= 4 else { throw .tooShort(path: name, byteCount: available) }

        let header = input.window(available).bytes
        let magic = ByteOrder.big.u32(header, at: 0)
        var order = ByteOrder.little
        var nanosecond = false
        switch magic {
        case 0xA1B2_C3D4: order = .big
        case 0xD4C3_B2A1: order = .little
        case 0xA1B2_3C4D: (order, nanosecond) = (.big, true)
        case 0x4D3C_B2A1: (order, nanosecond) = (.little, true)
        case PcapngBlockType.sectionHeader:
            guard available >= PcapngBlockType.minimumSectionHeaderLength else {
                throw .tooShort(path: name, byteCount: available)
            }
            let byteOrderMagic = ByteOrder.big.u32(header, at: 8)
            switch byteOrderMagic {
            case PcapngBlockType.byteOrderMagic: order = .big
            case PcapngBlockType.byteOrderMagicSwapped: order = .little
            default: throw .unknownByteOrder(path: name, magic: byteOrderMagic)
            }
            let major = order.u16(header, at: 12)
            let minor = order.u16(header, at: 14)
            guard major == 1 else { throw .unsupportedVersion(path: name, major: major, minor: minor) }
            self.name = name
            self.input = input
            self.ownsDescriptor = ownsDescriptor
            self.isPcapng = true
            self.format = .pcapng
            self.byteOrder = order
            self.interfaces = []
            self.pcapNanosecond = false
            self.pcapLengthsSwapped = false
            self.pcapLengthsMaybeSwapped = false
            self.pcapMaximumCapturedLength = 0
            opened = true
            return
        default:
            throw .notACaptureFile(path: name, magic: magic)
        }

        guard available >= Self.pcapHeaderLength else { throw .tooShort(path: name, byteCount: available) }
        let major = order.u16(header, at: 4)
        let minor = order.u16(header, at: 6)
        guard major == 2, minor <= 4 else { throw .unsupportedVersion(path: name, major: major, minor: minor) }
        let snapLength = Int(order.u32(header, at: 16))
        // The low 16 bits are the link type; the upper ones carry FCS information.
        let linkType = LinkType(rawValue: order.u32(header, at: 20) & 0xFFFF)
        input.consume(Self.pcapHeaderLength)

        self.name = name
        self.input = input
        self.ownsDescriptor = ownsDescriptor
        self.isPcapng = false
        self.format = .pcap(nanosecond: nanosecond, bigEndian: order == .big, versionMajor: major, versionMinor: minor)
        self.byteOrder = order
        self.interfaces = [
            CaptureInterface(linkType: linkType, snapLength: snapLength, timestampResolution: nanosecond ? 9 : 6)
        ]
        self.pcapNanosecond = nanosecond
        self.pcapLengthsSwapped = minor < 3
        self.pcapLengthsMaybeSwapped = minor == 3
        self.pcapMaximumCapturedLength = min(
            max(snapLength, CaptureLimits.defaultMaximumCapturedLength), CaptureLimits.hardMaximumCapturedLength)
        opened = true
    }

    deinit {
        if ownsDescriptor { close(input.descriptor) }
    }

    /// The next packet record, or nil at the end of the stream: a clean end, or a damaged tail that
    /// was turned into a warning. The record's `bytes` stay valid until the next call.
    public func next() -> CaptureRecord? {
        if finished { return nil }
        return isPcapng ? nextPcapngRecord() : nextPcapRecord()
    }

    /// Records a warning (or counts it once `warnings` is full).
    func warn(_ name: String, _ detail: String, at byteOffset: Int) {
        if warnings.count < CaptureLimits.maximumWarnings {
            warnings.append(CaptureFileWarning(name: name, detail: detail, byteOffset: byteOffset))
        } else {
            suppressedWarningCount += 1
        }
    }

    /// Records a warning and ends the stream.
    func stop(_ name: String, _ detail: String, at byteOffset: Int) -> CaptureRecord? {
        warn(name, detail, at: byteOffset)
        finished = true
        return nil
    }

    /// Ends the stream when fewer than `needed` bytes remain: cleanly when none remain, otherwise
    /// with `partialName` (or `read_failed` when a read error cut the stream short).
    func endOfInput(available: Int, partialName: String, _ detail: @autoclosure () -> String) -> CaptureRecord? {
        finished = true
        if let code = input.readError {
            warn(
                "read_failed",
                "at byte offset \(input.offset + available), after \(recordCount) records: "
                    + InputBuffer.describe(errorCode: code),
                at: input.offset + available)
        } else if available > 0 {
            warn(partialName, detail(), at: input.offset)
        }
        return nil
    }

    static let pcapHeaderLength = 24
}
