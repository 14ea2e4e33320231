import Glibc

/// Feeds bytes into a pipe from a separate POSIX thread, then closes the write end.
final class PipeFeeder: @unchecked Sendable {
    let readDescriptor: Int32
    private let writeDescriptor: Int32
    private let bytes: [UInt8]
    private let chunk: Int
    private var thread = pthread_t()
    private var started = false

    /// Returns nil when `pipe(2)` fails.
    init?(bytes: [UInt8], chunk: Int) {
        var descriptors: [Int32] = [-1, -1]
        guard pipe(&descriptors) == 0 else { return nil }
        signal(SIGPIPE, SIG_IGN)
        readDescriptor = descriptors[0]
        writeDescriptor = descriptors[1]
        self.bytes = bytes
        self.chunk = chunk
    }

    func start() {
        let context = Unmanaged.passRetained(self).toOpaque()
        started =
            pthread_create(
                &thread, nil,
                { context in
                    guard let context else { return nil }
                    let feeder = Unmanaged<PipeFeeder>.fromOpaque(context).takeRetainedValue()
                    writeAll(feeder.bytes, to: feeder.writeDescriptor, chunk: feeder.chunk)
                    close(feeder.writeDescriptor)
                    return nil
                }, context) == 0
        if !started {
            Unmanaged<PipeFeeder>.fromOpaque(context).release()
            close(writeDescriptor)
        }
    }

    func join() {
        if started { pthread_join(thread, nil) }
        started = false
    }
}
