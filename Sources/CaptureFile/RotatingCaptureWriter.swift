#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A `CaptureFileWriter` that moves on to a new file by size (-C), time (-G) and count (-W),
/// with tcpdump's file names: every file is a complete capture (header, and for pcapng every
/// Interface Description Block again), so each one can be read on its own.
public final class RotatingCaptureWriter {
    public enum Outcome: Sendable, Hashable {
        case written
        /// -G with -W: the last file's period is over and no more files may be made; the packet
        /// was not written.
        case fileLimitReached
    }

    public let pattern: String
    public let format: CaptureFileWriterFormat
    public let interfaces: [CaptureInterface]
    public let rotation: CaptureFileWriterRotation
    public let application: String?
    /// The UTC offset used to expand strftime patterns (local time, as tcpdump).
    public let utcOffsetSeconds: Int
    public var flushesEachRecord = false {
        didSet { current?.flushesEachRecord = flushesEachRecord }
    }

    public private(set) var current: CaptureFileWriter?
    /// Every file opened so far, in order (a ring reuses names).
    public private(set) var openedPaths: [String] = []
    /// Packet records written over all files.
    public private(set) var recordCount = 0

    private var sizeCount = 0
    private var periodCount = 0
    private var periodStart: Int64

    /// Opens the first file at `startSeconds` (seconds since the epoch).
    public init(
        pattern: String, format: CaptureFileWriterFormat, interfaces: [CaptureInterface],
        rotation: CaptureFileWriterRotation = CaptureFileWriterRotation(), application: String? = nil,
        startSeconds: Int64, utcOffsetSeconds: Int = 0
    ) throws(CaptureFileWriterError) {
        self.pattern = pattern
        self.format = format
        self.interfaces = interfaces
        self.rotation = rotation
        self.application = application
        self.utcOffsetSeconds = utcOffsetSeconds
        self.periodStart = startSeconds
        let width = rotation.fileSizeLimit != nil ? rotation.numberWidth : 0
        try open(Self.fileName(pattern: pattern, number: 0, width: width, time: startSeconds, expandsTime: rotation.intervalSeconds != nil, utcOffsetSeconds: utcOffsetSeconds))
    }

    /// The file being written.
    public var currentPath: String { current?.name ?? pattern }

    /// Writes one packet, first starting a new file when the policy says so (time, then size).
    @discardableResult
    public func write(
        interfaceIndex: Int = 0, timestamp: Int64, originalLength: Int, bytes: UnsafeRawBufferPointer
    ) throws(CaptureFileWriterError) -> Outcome {
        let seconds = timestamp >= 0 ? timestamp / 1_000_000_000 : (timestamp + 1) / 1_000_000_000 - 1
        if let interval = rotation.intervalSeconds, interval > 0, seconds - periodStart >= interval {
            periodStart = seconds
            periodCount += 1
            if rotation.fileSizeLimit == nil, let count = rotation.fileCount, count > 0, periodCount >= count {
                try current?.close()
                current = nil
                return .fileLimitReached
            }
            sizeCount = 0
            let width = rotation.fileSizeLimit != nil ? rotation.numberWidth : 0
            try rotate(to: Self.fileName(pattern: pattern, number: 0, width: width, time: seconds, expandsTime: true, utcOffsetSeconds: utcOffsetSeconds))
        }
        if let limit = rotation.fileSizeLimit, let writer = current, writer.byteCount > limit {
            sizeCount += 1
            if let count = rotation.fileCount, count > 0, sizeCount >= count { sizeCount = 0 }
            try rotate(to: Self.fileName(pattern: pattern, number: sizeCount, width: rotation.numberWidth, time: periodStart, expandsTime: rotation.intervalSeconds != nil, utcOffsetSeconds: utcOffsetSeconds))
        }
        guard let writer = current else { return .fileLimitReached }
        try writer.write(interfaceIndex: interfaceIndex, timestamp: timestamp, originalLength: originalLength, bytes: bytes)
        recordCount += 1
        return .written
    }

    public func flush() throws(CaptureFileWriterError) {
        try current?.flush()
    }

    public func close() throws(CaptureFileWriterError) {
        let writer = current
        current = nil
        try writer?.close()
    }

    private func rotate(to path: String) throws(CaptureFileWriterError) {
        let previous = current
        current = nil
        try previous?.close()
        try open(path)
    }

    private func open(_ path: String) throws(CaptureFileWriterError) {
        let writer = try CaptureFileWriter(path: path, format: format, interfaces: interfaces, application: application)
        writer.flushesEachRecord = flushesEachRecord
        current = writer
        openedPaths.append(path)
    }

    /// tcpdump's MakeFilename: the pattern through strftime (with -G), then the file number,
    /// zero-padded to `width`, unless both are zero.
    public static func fileName(
        pattern: String, number: Int, width: Int, time: Int64, expandsTime: Bool, utcOffsetSeconds: Int = 0
    ) -> String {
        let base = expandsTime ? expand(pattern, time: time, utcOffsetSeconds: utcOffsetSeconds) : pattern
        if number == 0 && width == 0 { return base }
        let digits = String(number)
        return base + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// strftime(3) of the pattern at `time` shifted by `utcOffsetSeconds` (formatted as UTC, so
    /// the result does not depend on the process's time zone state).
    static func expand(_ pattern: String, time: Int64, utcOffsetSeconds: Int) -> String {
        guard pattern.contains("%") else { return pattern }
        var seconds = time_t(time + Int64(utcOffsetSeconds))
        var broken = tm()
        guard gmtime_r(&seconds, &broken) != nil else { return pattern }
        var output = [CChar](repeating: 0, count: 4097)
        let count = strftime(&output, output.count - 1, pattern, &broken)
        guard count > 0 else { return pattern }
        return String(decoding: output[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
