#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads several live devices at once: waits with poll(2) on their selectable descriptors and
/// hands out their packets merged by timestamp (each device's next packet is held until it is the
/// earliest), so that a packet seen on eth0 and on tunl0 arrives in the order it was captured.
///
/// A packet's bytes stay valid until the next call to `next()`.
public final class CaptureMultiplexer {
    public enum Event {
        /// A packet of `captures[device]`.
        case packet(device: Int, LivePacket)
        /// A device failed (went away, read error) and was closed; the others go on.
        case failure(device: Int, LiveCaptureError)
    }

    public let captures: [LiveCapture]
    private var heads: [LivePacket?]
    /// Devices that said "nothing right now" since the last `wait`.
    private var dry: [Bool]
    private var descriptors: [pollfd]
    /// The device whose head was handed out last: it must be read again before its bytes are reused.
    private var handedOut: Int?

    public init(captures: [LiveCapture]) {
        self.captures = captures
        heads = Array(repeating: nil, count: captures.count)
        dry = Array(repeating: false, count: captures.count)
        descriptors = captures.map { pollfd(fd: $0.selectableDescriptor, events: Int16(POLLIN), revents: 0) }
    }

    /// Whether at least one device is still open.
    public var hasOpenDevices: Bool { captures.contains { $0.isOpen } }

    /// The earliest packet ready on any device, a device failure, or nil when no device has
    /// anything right now (then call `wait`).
    public func next() -> Event? {
        if let handedOut {
            heads[handedOut] = nil
            self.handedOut = nil
        }
        for index in captures.indices where heads[index] == nil && !dry[index] && captures[index].isOpen {
            do {
                if let packet = try captures[index].next() {
                    heads[index] = packet
                } else {
                    dry[index] = true
                }
            } catch {
                dry[index] = true
                descriptors[index].fd = -1
                return .failure(device: index, error)
            }
        }
        var chosen: Int?
        for index in heads.indices {
            guard let head = heads[index] else { continue }
            if let best = chosen, let bestHead = heads[best], bestHead.timestamp <= head.timestamp { continue }
            chosen = index
        }
        guard let chosen, let packet = heads[chosen] else { return nil }
        handedOut = chosen
        return .packet(device: chosen, packet)
    }

    /// Waits until a device may have packets, or `timeoutMilliseconds` pass. Returns early when
    /// some head is still pending. Interrupted waits (EINTR) simply return.
    public func wait(timeoutMilliseconds: Int32) {
        if heads.contains(where: { $0 != nil }) { return }
        for index in descriptors.indices {
            descriptors[index].revents = 0
        }
        let ready = descriptors.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return 0 }
            return poll(base, nfds_t(buffer.count), max(0, timeoutMilliseconds))
        }
        // Whatever poll said, try every open device again: with TPACKET_V3 a block may have been
        // retired by its timeout, and errors (POLLERR) are reported by pcap_next_ex.
        _ = ready
        for index in dry.indices { dry[index] = false }
    }
}
