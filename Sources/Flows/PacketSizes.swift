import Wire

/// What one packet adds to its carrier observation besides its count: its sizes and the outer
/// checksum's state.
public struct PacketSizes: Sendable, Hashable {
    /// The outermost IP length.
    public var outerLength = 0
    /// Bytes of tunnel headers around the inner IP packet (0 without a tunnel).
    public var outerHeaderBytes = 0
    /// The inner IP length of a tunnelled packet (0 without a tunnel).
    public var innerBytes = 0
    public var checksum = OuterChecksum.absent

    public init(outerLength: Int = 0, outerHeaderBytes: Int = 0, innerBytes: Int = 0, checksum: OuterChecksum = .absent) {
        self.outerLength = outerLength
        self.outerHeaderBytes = outerHeaderBytes
        self.innerBytes = innerBytes
        self.checksum = checksum
    }
}
