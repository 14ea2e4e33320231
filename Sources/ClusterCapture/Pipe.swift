#if canImport(Glibc)
import Glibc
#endif

/// glibc's pipe2(2), a GNU extension the Glibc module does not import: pipes created
/// close-on-exec atomically, so no other child inherits them.
@_silgen_name("pipe2")
func pipe2(_ descriptors: UnsafeMutablePointer<Int32>, _ flags: Int32) -> Int32

/// The capture loop's wake-up pipe: reader threads write a byte when they have something, the
/// loop sleeps in poll(2) on the read end (and still sees signals and deadlines in time).
final class WakePipe {
    let readDescriptor: Int32
    let writeDescriptor: Int32

    init() throws(ClusterCaptureError) {
        var ends: [Int32] = [-1, -1]
        guard pipe2(&ends, O_CLOEXEC | O_NONBLOCK) == 0 else {
            throw .cannotRun(executable: "pipe", reason: ChildProcess.describe(errno))
        }
        readDescriptor = ends[0]
        writeDescriptor = ends[1]
    }

    deinit {
        close(readDescriptor)
        close(writeDescriptor)
    }

    /// Sleeps until a reader writes or `milliseconds` pass, then empties the pipe.
    func wait(milliseconds: Int32) {
        var request = pollfd(fd: readDescriptor, events: Int16(POLLIN), revents: 0)
        _ = poll(&request, 1, max(milliseconds, 0))
        var buffer = [UInt8](repeating: 0, count: 256)
        while read(readDescriptor, &buffer, buffer.count) > 0 {}
    }
}
