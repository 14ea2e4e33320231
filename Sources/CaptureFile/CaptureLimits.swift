/// Size limits that keep memory bounded on hostile input.
enum CaptureLimits {
    /// What every reader accepts regardless of the header's snaplen (libpcap's MAXIMUM_SNAPLEN).
    static let defaultMaximumCapturedLength = 262_144
    /// A hard cap on one record, whatever the snaplen says.
    static let hardMaximumCapturedLength = 256 << 20
    /// A hard cap on one pcapng block: a maximal packet plus room for its header and options.
    static let maximumBlockLength = hardMaximumCapturedLength + (1 << 20)
    /// The size of one `read(2)` and the initial buffer.
    static let chunkSize = 1 << 20
    /// Warnings kept before further ones are only counted.
    static let maximumWarnings = 1000
    /// Interfaces (pcapng Interface Description Blocks, over all sections) accepted; reading
    /// stops at the next one. Each becomes a capture in the report, so without a limit a file of
    /// nothing but 20-byte IDBs grows memory (and the report) with its size.
    static let maximumInterfaces = 4096
    /// Bytes kept of an interface name or description (the option itself may hold 64 KiB).
    static let maximumOptionText = 1024
}
