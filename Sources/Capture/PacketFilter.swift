import CPcap
import Wire

/// A tcpdump-style BPF filter, compiled by libpcap for one link type and applied to captured
/// bytes (`pcap_offline_filter`), so that saved files can be filtered like live captures.
public final class PacketFilter {
    public let expression: String
    public let linkType: LinkType
    private var program = bpf_program()

    public init(expression: String, linkType: LinkType, snapLength: Int = 262_144) throws(FilterError) {
        self.expression = expression
        self.linkType = linkType
        guard let handle = pcap_open_dead(Self.dataLinkType(for: linkType), Int32(clamping: snapLength)) else {
            throw FilterError(expression: expression, message: "libpcap could not open a handle for link type \(linkType)")
        }
        defer { pcap_close(handle) }
        if pcap_compile(handle, &program, expression, 1, PCAP_NETMASK_UNKNOWN) != 0 {
            let message = String(cString: pcap_geterr(handle))
            throw FilterError(expression: expression, message: message)
        }
    }

    deinit {
        pcap_freecode(&program)
    }

    /// Whether the packet passes the filter.
    public func matches(_ bytes: UnsafeRawBufferPointer, originalLength: Int) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        var header = pcap_pkthdr()
        header.caplen = UInt32(clamping: bytes.count)
        header.len = UInt32(clamping: max(originalLength, bytes.count))
        return pcap_offline_filter(&program, &header, base.assumingMemoryBound(to: UInt8.self)) != 0
    }

    /// libpcap's DLT_* value for a file's LINKTYPE_* value (they differ for raw IP).
    static func dataLinkType(for linkType: LinkType) -> Int32 {
        if linkType.isRawIP && linkType != .ipv4 && linkType != .ipv6 { return DLT_RAW }
        return Int32(clamping: linkType.rawValue)
    }
}
