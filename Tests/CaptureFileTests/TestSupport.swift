import CaptureFile
import Glibc

/// Writes every byte, retrying short writes and EINTR. Returns false on any other error.
@discardableResult
func writeAll(_ bytes: [UInt8], to descriptor: Int32, chunk: Int = Int.max) -> Bool {
    bytes.withUnsafeBytes { raw -> Bool in
        guard let base = raw.baseAddress else { return true }
        var written = 0
        while written < raw.count {
            let result = Glibc.write(descriptor, base + written, min(raw.count - written, chunk))
            if result > 0 {
                written += result
            } else if result < 0 && errno == EINTR {
                continue
            } else {
                return false
            }
        }
        return true
    }
}

/// The real (symlink-free) path of `Fixtures/capture-files/<name>` in the repository, found from
/// the calling test file's real location (`Tests/CaptureFileTests/<File>.swift`), so it also works
/// when the test target is reached through a symlink.
func fixturePath(_ name: String, sourceFile: String = #filePath) -> String {
    var resolved = sourceFile
    if let real = realpath(sourceFile, nil) {
        resolved = String(cString: real)
        free(real)
    }
    var components = resolved.split(separator: "/", omittingEmptySubsequences: false)
    components.removeLast(min(3, components.count))  // <File>.swift, CaptureFileTests, Tests
    return components.joined(separator: "/") + "/Fixtures/capture-files/" + name
}

/// Opens a reader on `bytes` written to a temporary file.
func reader(for bytes: [UInt8], in directory: TemporaryDirectory, name: String = "test.cap") throws(CaptureFileError)
    -> CaptureFileReader
{
    try CaptureFileReader(path: directory.write(bytes, name: name))
}
