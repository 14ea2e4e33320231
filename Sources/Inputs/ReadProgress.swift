/// How far the reading of capture files has come, for a progress bar: per file, the bytes read
/// so far and the packets, in the order the files were given.
public struct ReadProgress: Sendable {
    public struct File: Sendable {
        public var name: String
        public var bytesRead: Int
        public var packets: Int
        /// Whether the file has been read to its end.
        public var finished: Bool
    }

    public var files: [File]
    /// Packets read from every file together.
    public var packets: Int { files.reduce(0) { $0 + $1.packets } }
}
