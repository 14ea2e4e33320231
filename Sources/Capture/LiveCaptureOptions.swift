/// How a live capture device is opened (tcpdump's `-s`, `-p`, `-B`, `--immediate-mode`).
public struct LiveCaptureOptions: Sendable, Hashable {
    /// The most bytes kept of each packet (`-s`); tcpdump's default is 262144.
    public var snapLength: Int
    /// Put the interface in promiscuous mode (tcpdump's default; `-p` turns it off).
    public var promiscuous: Bool
    /// The kernel buffer size in bytes (`-B` is in KiB); nil keeps libpcap's default (2 MiB).
    public var bufferSize: Int?
    /// Deliver each packet as it arrives instead of filling a buffer block first.
    public var immediate: Bool
    /// How long the kernel may hold packets before handing over a partial block (pcap_set_timeout).
    public var timeoutMilliseconds: Int32
    /// Ask for nanosecond timestamps (falls back to microseconds where unsupported).
    public var nanosecondTimestamps: Bool

    public static let defaultSnapLength = 262_144

    public init(
        snapLength: Int = LiveCaptureOptions.defaultSnapLength, promiscuous: Bool = true, bufferSize: Int? = nil,
        immediate: Bool = false, timeoutMilliseconds: Int32 = 100, nanosecondTimestamps: Bool = true
    ) {
        self.snapLength = snapLength
        self.promiscuous = promiscuous
        self.bufferSize = bufferSize
        self.immediate = immediate
        self.timeoutMilliseconds = timeoutMilliseconds
        self.nanosecondTimestamps = nanosecondTimestamps
    }
}
