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
}
