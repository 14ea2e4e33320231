import CaptureFile
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// What a node stream's reader threads hand to the capture loop: the stream's interfaces once
/// its pcap header arrived, packets, kubectl's stderr, and how the stream ended. Each change
/// wakes the loop through a shared pipe.
///
/// The state is guarded by an `NSLock` (a pthread mutex), not `Synchronization.Mutex`: on Linux
/// the latter's futex is invisible to ThreadSanitizer, which then reports every handover between
/// the reader threads and the loop as a race.
final class StreamInbox: @unchecked Sendable {
    struct State {
        var interfaces: [CaptureInterface]?
        var packets: [StreamPacket] = []
        /// The reader could not take the stream as a capture (nothing came, not pcap).
        var openError: String?
        /// The stream ended (EOF or a damaged tail); the reader is done.
        var readerDone = false
        var readerWarnings: [CaptureFileWarning] = []
        /// The -w file could not be written.
        var writeError: String?
        /// The last of kubectl's stderr.
        var errors: [UInt8] = []
        var errorsDone = false
        /// tcpdump's "listening on IFACE, link-type …" line: the capture runs on the node. (tcpdump
        /// -w - writes the pcap header only with the first packet, so a quiet interface sends
        /// nothing before it.)
        var listening: String?
    }

    /// Beyond this many waiting packets the reader stops reading (kubectl's pipe then fills and
    /// the node side waits) until the loop catches up.
    static let backlogLimit = 200_000
    static let errorTextLimit = 16_384

    private let lock = NSLock()
    /// Only touched inside `withState`.
    private var current = State()
    /// The write end of the capture loop's wake-up pipe (non-blocking).
    let wakeDescriptor: Int32

    init(wakeDescriptor: Int32) {
        self.wakeDescriptor = wakeDescriptor
    }

    /// Wakes the capture loop (a full pipe already means it will wake).
    func wake() {
        var byte: UInt8 = 1
        _ = write(wakeDescriptor, &byte, 1)
    }

    /// Runs `body` on the state with the lock held.
    func withState<Result>(_ body: (inout State) -> Result) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return body(&current)
    }

    func update(_ change: (inout State) -> Void) {
        withState { change(&$0) }
        wake()
    }

    /// Adds a packet; false when the backlog is full (the caller waits and retries).
    func offer(_ packet: StreamPacket) -> Bool {
        let (accepted, wasEmpty) = withState { state -> (Bool, Bool) in
            guard state.packets.count < Self.backlogLimit else { return (false, false) }
            state.packets.append(packet)
            return (true, state.packets.count == 1)
        }
        if wasEmpty { wake() }
        return accepted
    }

    func appendErrors(_ bytes: ArraySlice<UInt8>) {
        let announced = withState { state -> Bool in
            state.errors.append(contentsOf: bytes)
            if state.errors.count > Self.errorTextLimit {
                state.errors.removeFirst(state.errors.count - Self.errorTextLimit)
            }
            guard state.listening == nil else { return false }
            state.listening = Self.listeningLine(in: state.errors)
            return state.listening != nil
        }
        if announced { wake() }
    }

    /// What follows "listening on " in tcpdump's complete line, if it came.
    static func listeningLine(in bytes: [UInt8]) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        let complete = text.last?.isNewline ?? false
        for line in text.split(whereSeparator: \.isNewline).dropLast(complete ? 0 : 1) {
            guard let range = line.firstRange(of: "listening on ") else { continue }
            return String(line[range.upperBound...].trimmingCharacters(in: " \t"))
        }
        return nil
    }

    /// Everything new: the packets are moved out.
    func take() -> State {
        withState { state in
            let taken = state
            state.packets = []
            return taken
        }
    }
}
