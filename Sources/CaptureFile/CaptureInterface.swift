import Wire

/// A capture interface: the one of a classic pcap file, or a pcapng Interface Description Block.
public struct CaptureInterface: Sendable, Hashable {
    /// How to decode this interface's packets.
    public var linkType: LinkType
    /// The snapshot length from the file (0 in pcapng means "no limit").
    public var snapLength: Int
    /// pcapng `if_name`, for example `eth0` or `tunl0`; nil for pcap files and when absent.
    public var name: String?
    /// pcapng `if_description`.
    public var description: String?
    /// The timestamp resolution as the pcapng `if_tsresol` byte: with the high bit clear the unit is
    /// 10^-n seconds, with it set 2^-n seconds. 6 (microseconds) is the default; 9 is nanoseconds.
    /// Classic pcap files report 6 or 9.
    public var timestampResolution: UInt8
    /// pcapng `if_tsoffset`: seconds added to every timestamp of this interface (already applied
    /// to `CaptureRecord.timestamp`).
    public var timestampOffsetSeconds: Int64
    /// The 0-based pcapng section that declared the interface (always 0 for pcap).
    public var sectionIndex: Int

    public init(
        linkType: LinkType, snapLength: Int, name: String? = nil, description: String? = nil,
        timestampResolution: UInt8 = 6, timestampOffsetSeconds: Int64 = 0, sectionIndex: Int = 0
    ) {
        self.linkType = linkType
        self.snapLength = snapLength
        self.name = name
        self.description = description
        self.timestampResolution = timestampResolution
        self.timestampOffsetSeconds = timestampOffsetSeconds
        self.sectionIndex = sectionIndex
    }

    /// The unit of one timestamp tick in nanoseconds, when it is a whole number of them
    /// (10^-n with n ≤ 9); nil for finer or binary resolutions.
    public var timestampResolutionNanoseconds: Int? {
        guard timestampResolution & 0x80 == 0, timestampResolution <= 9 else { return nil }
        var unit = 1
        for _ in 0..<(9 - Int(timestampResolution)) { unit *= 10 }
        return unit
    }
}
