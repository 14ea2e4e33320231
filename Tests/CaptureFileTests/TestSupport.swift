import CalicapTestSupport
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

/// Opens a reader on `bytes` written to a temporary file.
func reader(for bytes: [UInt8], in directory: TemporaryDirectory, name: String = "test.cap") throws(CaptureFileError)
    -> CaptureFileReader
{
    try CaptureFileReader(path: directory.write(bytes, name: name))
}
