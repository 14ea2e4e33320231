import CPcap

/// The libpcap version string (`libpcap version 1.10.3 (with TPACKET_V3)`).
public enum LibraryVersion {
    public static var description: String {
        guard let text = pcap_lib_version() else { return "libpcap (unknown version)" }
        return String(cString: text)
    }
}
