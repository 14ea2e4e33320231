#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Wire

/// Writes packets to a classic pcap or a pcapng file, in pure Swift on a file descriptor.
///
/// Records are gathered in one reusable 64 KiB buffer (no allocation per packet) and written with
/// write(2) when it fills, on `flush()`, on every record when `flushesEachRecord` (tcpdump's -U),
/// and on `close()`. Every write error is thrown as a `CaptureFileWriterError` naming the file;
/// after one, the writer refuses further records.
///
/// ```swift
/// let writer = try CaptureFileWriter(path: "w.pcapng", format: .pcapng,
///                                    interfaces: [CaptureInterface(linkType: .ethernet, snapLength: 262_144, name: "eth0")])
/// try writer.write(interfaceIndex: 0, timestamp: nanoseconds, originalLength: length, bytes: bytes)
/// try writer.close()
/// ```
public final class CaptureFileWriter {
    /// The path as given ("stdout" for standard output).
    public let name: String
    public let format: CaptureFileWriterFormat
    public let interfaces: [CaptureInterface]
    /// Write every record through to the file at once (tcpdump -U, --immediate).
    public var flushesEachRecord = false
    /// Bytes in the file so far, counting those still buffered (what `-C` compares).
    public internal(set) var byteCount = 0
    /// Packet records written so far.
    public private(set) var recordCount = 0
    public private(set) var isClosed = false

    private let descriptor: Int32
    private let ownsDescriptor: Bool
    var buffer: [UInt8]
    let capacity: Int
    private var failure: CaptureFileWriterError?
    /// Bytes written to the descriptor so far.
    private var written = 0
    /// The end of the last complete record known to be in the file: where a failed write is cut
    /// back to, so that the file stays readable.
    private var boundary = 0
    /// Between the first and the last byte of a record.
    private var inRecord = false
    /// The buffer begins with the first byte of a record (not the tail of an oversized one).
    private var bufferStartsRecord = true

    public static let defaultCapacity = 65_536
    /// The largest record body accepted; longer packets are cut (pcapng lengths are 32-bit).
    static let maximumRecordBytes = 0x0FFF_FFFF

    /// Creates (or truncates) `path` with mode 0666 less the umask, and writes the file header.
    public convenience init(
        path: String, format: CaptureFileWriterFormat, interfaces: [CaptureInterface], application: String? = nil
    ) throws(CaptureFileWriterError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            throw .cannotCreate(path: path, reason: Self.describe(errno))
        }
        try self.init(
            fileDescriptor: descriptor, name: path, ownsDescriptor: true, format: format, interfaces: interfaces,
            application: application)
    }

    /// Writes to an open descriptor (standard output, a pipe), closed by `close()` only if
    /// `ownsDescriptor` (also when this initialiser throws).
    public init(
        fileDescriptor: Int32, name: String, ownsDescriptor: Bool, format: CaptureFileWriterFormat,
        interfaces: [CaptureInterface], application: String? = nil, bufferCapacity: Int = CaptureFileWriter.defaultCapacity
    ) throws(CaptureFileWriterError) {
        self.name = name
        self.format = format
        self.interfaces = interfaces
        self.descriptor = fileDescriptor
        self.ownsDescriptor = ownsDescriptor
        self.capacity = max(256, bufferCapacity)
        self.buffer = []
        buffer.reserveCapacity(capacity)
        var ready = false
        defer {
            if !ready && ownsDescriptor { Glibc.close(fileDescriptor) }
        }
        switch format {
        case .pcap(let nanosecond):
            guard interfaces.count == 1, let interface = interfaces.first else {
                throw .unsupported(
                    path: name,
                    reason: "classic pcap holds exactly one interface (\(interfaces.count) given); use pcapng")
            }
            appendPcapHeader(interface, nanosecond: nanosecond)
        case .pcapng:
            guard !interfaces.isEmpty else {
                throw .unsupported(path: name, reason: "a pcapng file needs at least one interface")
            }
            appendSectionHeader(application: application)
            for interface in interfaces {
                appendInterfaceDescription(interface)
            }
        }
        try flush()
        ready = true
    }

    deinit {
        if !isClosed {
            try? flush()
            if ownsDescriptor { Glibc.close(descriptor) }
        }
    }

    /// Appends one packet. `timestamp` is nanoseconds since the epoch; `originalLength` the length
    /// on the wire (at least `bytes.count` is stored).
    public func write(
        interfaceIndex: Int = 0, timestamp: Int64, originalLength: Int, bytes: UnsafeRawBufferPointer
    ) throws(CaptureFileWriterError) {
        if let failure { throw failure }
        guard !isClosed else { throw .writeFailed(path: name, reason: "the file is already closed") }
        guard interfaces.indices.contains(interfaceIndex) else {
            throw .unknownInterface(path: name, index: interfaceIndex)
        }
        let captured = min(bytes.count, Self.maximumRecordBytes)
        let body = UnsafeRawBufferPointer(rebasing: bytes[0..<captured])
        let original = max(originalLength, captured)
        // Flush whole records before this one starts, so every flush outside a record ends on a
        // record boundary.
        switch format {
        case .pcap: try reserve(min(16 + captured, capacity))
        case .pcapng: try reserve(min(32 + Self.padded(captured), capacity))
        }
        inRecord = true
        defer {
            inRecord = false
            if buffer.isEmpty && failure == nil { boundary = written }
        }
        switch format {
        case .pcap(let nanosecond):
            try appendPcapRecord(timestamp: timestamp, nanosecond: nanosecond, original: original, body: body)
        case .pcapng:
            try appendEnhancedPacket(interfaceIndex: interfaceIndex, timestamp: timestamp, original: original, body: body)
        }
        recordCount += 1
        if flushesEachRecord { try flush() }
    }

    /// Writes what is buffered.
    public func flush() throws(CaptureFileWriterError) {
        if let failure { throw failure }
        guard !buffer.isEmpty else { return }
        let (error, count) = buffer.withUnsafeBytes { writeAll($0) }
        if error == nil {
            written += count
            if !inRecord { boundary = written }
        } else if bufferStartsRecord {
            // Keep the records that made it whole into the file.
            boundary = written + buffer.withUnsafeBytes { completeRecordBytes($0, within: count) }
            written += count
        }
        buffer.removeAll(keepingCapacity: true)
        bufferStartsRecord = !inRecord
        if let error { throw fail(error) }
    }

    /// Flushes and closes the file. Safe to call twice; the first error is thrown.
    public func close() throws(CaptureFileWriterError) {
        guard !isClosed else { return }
        var firstError: CaptureFileWriterError?
        do {
            try flush()
        } catch {
            firstError = error
        }
        isClosed = true
        if ownsDescriptor, Glibc.close(descriptor) != 0, firstError == nil {
            firstError = .closeFailed(path: name, reason: Self.describe(errno))
        }
        if let firstError { throw firstError }
    }

    // MARK: - Buffer

    /// Makes room for `count` more bytes, flushing first if they would not fit.
    func reserve(_ count: Int) throws(CaptureFileWriterError) {
        if buffer.count + count > capacity { try flush() }
    }

    /// Appends `bytes`, writing them straight through when they are larger than the buffer.
    func appendPayload(_ bytes: UnsafeRawBufferPointer) throws(CaptureFileWriterError) {
        if bytes.count > capacity - buffer.count {
            try flush()
            if bytes.count > capacity {
                let (error, count) = writeAll(bytes)
                written += count
                bufferStartsRecord = false
                if let error { throw fail(error) }
                byteCount += bytes.count
                return
            }
        }
        buffer.append(contentsOf: bytes)
        byteCount += bytes.count
    }

    func append<Value: FixedWidthInteger>(_ value: Value) {
        withUnsafeBytes(of: value) { buffer.append(contentsOf: $0) }
        byteCount += MemoryLayout<Value>.size
    }

    func appendZeros(_ count: Int) {
        for _ in 0..<count { buffer.append(0) }
        byteCount += count
    }

    /// Writes all of `bytes`, retrying interrupted and short writes: the errno on failure (nil on
    /// success) and the bytes that were written.
    private func writeAll(_ bytes: UnsafeRawBufferPointer) -> (Int32?, Int) {
        guard let base = bytes.baseAddress else { return (nil, 0) }
        var offset = 0
        while offset < bytes.count {
            let count = Glibc.write(descriptor, base + offset, bytes.count - offset)
            if count < 0 {
                if errno == EINTR { continue }
                return (errno, offset)
            }
            if count == 0 { return (EIO, offset) }
            offset += count
        }
        return (nil, offset)
    }

    /// The bytes of the whole records (pcap records, pcapng blocks) at the start of `bytes` that
    /// lie within its first `limit` bytes.
    func completeRecordBytes(_ bytes: UnsafeRawBufferPointer, within limit: Int) -> Int {
        var offset = 0
        while true {
            let length: Int
            switch format {
            case .pcap:
                guard offset + 16 <= bytes.count else { return offset }
                length = 16 + Int(bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt32.self))
            case .pcapng:
                guard offset + 8 <= bytes.count else { return offset }
                length = Int(bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self))
            }
            guard length > 0, offset + length <= limit else { return offset }
            offset += length
        }
    }

    /// Records the first write error and cuts a regular file back to its last complete record.
    private func fail(_ code: Int32) -> CaptureFileWriterError {
        let error = CaptureFileWriterError.writeFailed(path: name, reason: Self.describe(code))
        failure = error
        var status = stat()
        if fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG {
            _ = ftruncate(descriptor, off_t(boundary))
        }
        return error
    }

    static func describe(_ code: Int32) -> String {
        InputBuffer.describe(errorCode: code)
    }
}
