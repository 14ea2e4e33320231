import Inputs

#if canImport(Glibc)
import Glibc
#endif

/// Runs a short kubectl command (get, delete) to completion and collects its output.
enum KubectlRunner {
    struct Outcome {
        var status: ChildExitStatus
        var output: String
        var errors: String
        var timedOut: Bool
    }

    /// Output beyond this is not kept (a node or pod listing of a large cluster is far smaller).
    static let outputLimit = 256 << 20

    static func run(
        _ invocation: KubectlInvocation, _ arguments: [String], timeoutSeconds: Double = 120
    ) throws(ClusterCaptureError) -> Outcome {
        let child = try ChildProcess(executable: invocation.executable, arguments: arguments)
        child.closeInput()
        let outputDescriptor = child.takeOutput()
        let errorDescriptor = child.takeErrors()
        var output: [UInt8] = []
        var errors: [UInt8] = []
        var open = [outputDescriptor, errorDescriptor]
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        let deadline = Clock.monotonic() + Int64(timeoutSeconds * 1e9)
        var timedOut = false
        while !open.isEmpty {
            let remaining = deadline - Clock.monotonic()
            if remaining <= 0 {
                timedOut = true
                child.signal(SIGKILL)
                break
            }
            var polls = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&polls, nfds_t(polls.count), Int32(min(remaining / 1_000_000, 1000)) + 1)
            if ready < 0 { if errno == EINTR { continue } else { break } }
            for entry in polls where entry.revents != 0 {
                let count = read(entry.fd, &buffer, buffer.count)
                if count > 0 {
                    if entry.fd == outputDescriptor {
                        if output.count < outputLimit { output.append(contentsOf: buffer[0..<count]) }
                    } else if errors.count < 65_536 {
                        errors.append(contentsOf: buffer[0..<count])
                    }
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    close(entry.fd)
                    open.removeAll { $0 == entry.fd }
                }
            }
        }
        for descriptor in open { close(descriptor) }
        let status = child.waitForExit()
        return Outcome(
            status: status, output: String(decoding: output, as: UTF8.self),
            errors: String(decoding: errors, as: UTF8.self), timedOut: timedOut)
    }

    /// Runs a command that must succeed; its stdout. A failure throws with kubectl's message.
    static func output(
        _ invocation: KubectlInvocation, _ arguments: [String], timeoutSeconds: Double = 120
    ) throws(ClusterCaptureError) -> String {
        let outcome = try run(invocation, arguments, timeoutSeconds: timeoutSeconds)
        guard !outcome.timedOut else {
            throw .kubectlFailed(
                command: invocation.describe(arguments), message: "no answer within \(Int(timeoutSeconds)) s")
        }
        guard outcome.status.succeeded else {
            throw .kubectlFailed(
                command: invocation.describe(arguments),
                message: KubectlMessage.summary(outcome.errors, status: outcome.status))
        }
        return outcome.output
    }
}
