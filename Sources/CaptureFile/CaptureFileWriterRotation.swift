/// When a `RotatingCaptureWriter` starts a new file, as tcpdump's -C, -G and -W do.
public struct CaptureFileWriterRotation: Sendable, Hashable {
    /// -C: before writing a packet, start a new file when the current one is larger than this
    /// many bytes. Files after the first get a number: `w.pcap`, `w.pcap1`, `w.pcap2`, …
    public var fileSizeLimit: Int?
    /// -G: start a new file when this many seconds have passed since the current one was opened;
    /// the name goes through strftime(3) (`-w 'trace-%H%M%S.pcapng'`).
    public var intervalSeconds: Int64?
    /// -W: with -C, keep at most this many files and overwrite the oldest (a ring, numbered
    /// `w.pcap0` … `w.pcap(N-1)`); with -G alone, stop after this many files.
    public var fileCount: Int?

    public init(fileSizeLimit: Int? = nil, intervalSeconds: Int64? = nil, fileCount: Int? = nil) {
        self.fileSizeLimit = fileSizeLimit
        self.intervalSeconds = intervalSeconds
        self.fileCount = fileCount
    }

    /// No rotation at all: one file.
    public var isNone: Bool { fileSizeLimit == nil && intervalSeconds == nil }

    /// Digits of the file number when -W is given (tcpdump pads to the width of count − 1).
    public var numberWidth: Int {
        guard let fileCount, fileCount > 1 else { return 0 }
        var value = fileCount - 1
        var digits = 0
        while value > 0 {
            digits += 1
            value /= 10
        }
        return digits
    }
}
