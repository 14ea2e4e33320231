/// Why a capture file could not be written: one line for the user, naming the file.
public enum CaptureFileWriterError: Error, Sendable, Hashable, CustomStringConvertible {
    /// open(2) failed: `reason` is the strerror text ("Permission denied").
    case cannotCreate(path: String, reason: String)
    /// write(2) failed ("No space left on device", "Read-only file system", …).
    case writeFailed(path: String, reason: String)
    /// close(2) reported a late error (NFS, delayed allocation).
    case closeFailed(path: String, reason: String)
    /// What was asked cannot be stored in this format (several interfaces in classic pcap, …).
    case unsupported(path: String, reason: String)
    /// A record named an interface the writer was not given.
    case unknownInterface(path: String, index: Int)

    public var path: String {
        switch self {
        case .cannotCreate(let path, _), .writeFailed(let path, _), .closeFailed(let path, _),
            .unsupported(let path, _), .unknownInterface(let path, _):
            path
        }
    }

    /// For example `cannot write w.pcap: No space left on device`.
    public var description: String {
        switch self {
        case .cannotCreate(let path, let reason): "cannot create \(path): \(reason)"
        case .writeFailed(let path, let reason): "cannot write \(path): \(reason)"
        case .closeFailed(let path, let reason): "cannot write \(path) (on close): \(reason)"
        case .unsupported(let path, let reason): "cannot write \(path): \(reason)"
        case .unknownInterface(let path, let index): "cannot write \(path): no interface \(index) in the file"
        }
    }
}
