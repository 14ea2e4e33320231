import CaptureFile

/// Where `-w` packets go: a (possibly rotating) file, or standard output.
enum LivePacketSink {
    case files(RotatingCaptureWriter)
    case stream(CaptureFileWriter)

    /// Opens the sink for these devices' interfaces (after privileges were dropped).
    init(path: String, settings: LiveSettings, interfaces: [CaptureInterface]) throws(CaptureFileWriterError) {
        if path == "-" {
            let writer = try CaptureFileWriter(
                fileDescriptor: 1, name: "stdout", ownsDescriptor: false, format: settings.writeFormat,
                interfaces: interfaces, application: settings.application)
            writer.flushesEachRecord = settings.flushesEachRecord
            self = .stream(writer)
        } else {
            let writer = try RotatingCaptureWriter(
                pattern: path, format: settings.writeFormat, interfaces: interfaces, rotation: settings.rotation,
                application: settings.application, startSeconds: Clock.realtime() / 1_000_000_000,
                utcOffsetSeconds: Clock.utcOffsetSeconds())
            writer.flushesEachRecord = settings.flushesEachRecord
            self = .files(writer)
        }
    }

    /// Saves one packet; false when a rotating writer reached its file limit (`-W`).
    func write(device: Int, timestamp: Int64, originalLength: Int, bytes: UnsafeRawBufferPointer) throws(CaptureFileWriterError) -> Bool {
        switch self {
        case .files(let writer):
            return try writer.write(
                interfaceIndex: device, timestamp: timestamp, originalLength: originalLength, bytes: bytes)
                != .fileLimitReached
        case .stream(let writer):
            try writer.write(interfaceIndex: device, timestamp: timestamp, originalLength: originalLength, bytes: bytes)
            return true
        }
    }

    func flush() throws(CaptureFileWriterError) {
        switch self {
        case .files(let writer): try writer.flush()
        case .stream(let writer): try writer.flush()
        }
    }

    func close() throws(CaptureFileWriterError) {
        switch self {
        case .files(let writer): try writer.close()
        case .stream(let writer): try writer.close()
        }
    }
}
