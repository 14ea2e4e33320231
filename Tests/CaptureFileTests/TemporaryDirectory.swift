import Glibc

/// A fresh directory under /tmp, removed with its files when released.
final class TemporaryDirectory {
    let path: String
    private var files: [String] = []

    init() {
        var template = Array("/tmp/calicap-capturefile-XXXXXX".utf8CString)
        let created = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.flatMap { mkdtemp($0) }.map { String(cString: $0) }
        }
        path = created ?? "/tmp"
    }

    deinit {
        for file in files { unlink(file) }
        if path != "/tmp" { rmdir(path) }
    }

    /// Writes `bytes` to a new file in the directory and returns its path.
    @discardableResult
    func write(_ bytes: [UInt8], name: String) -> String {
        let file = path + "/" + name
        files.append(file)
        let descriptor = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if descriptor >= 0 {
            writeAll(bytes, to: descriptor)
            close(descriptor)
        }
        return file
    }

    /// Creates an empty subdirectory and returns its path.
    func makeDirectory(name: String) -> String {
        let directory = path + "/" + name
        mkdir(directory, 0o755)
        return directory
    }

    /// Records a path for removal.
    func track(_ file: String) { files.append(file) }
}
