import CPcap
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Wire

/// One live capture device opened with libpcap: created, configured, activated, filtered and
/// read without blocking, so that several devices can be multiplexed with poll(2).
///
/// ```swift
/// let capture = try LiveCapture(device: "eth0", options: LiveCaptureOptions())
/// try capture.setFilter("udp port 4789")
/// while let packet = try capture.next() { … }   // nil: nothing more right now
/// ```
public final class LiveCapture {
    /// The device name as given (`eth0`, `tunl0`, `any`).
    public let device: String
    /// How to decode this device's packets, as a file's LINKTYPE (DLT_RAW becomes `.raw`, 101).
    public let linkType: LinkType
    /// libpcap's DLT_* value.
    public let dataLinkType: Int32
    public let snapLength: Int
    /// Whether timestamps come with nanosecond precision (else microseconds).
    public let nanosecondTimestamps: Bool
    /// The descriptor to poll for readability (pcap_get_selectable_fd).
    public let selectableDescriptor: Int32
    /// Activation warnings (promiscuous mode not supported, …), one line each.
    public private(set) var warnings: [String] = []
    /// Packets returned by `next()` so far ("packets captured").
    public private(set) var packetsCaptured = 0
    /// The filter expression installed, if any.
    public private(set) var filterExpression: String?

    private var handle: OpaquePointer?
    /// Whether the device is a kernel network interface (not `any`, nflog, dbus, …): only those
    /// can be checked for having disappeared.
    private let isNetworkInterface: Bool
    /// The counters read just before the device was closed after an error.
    private var finalStatistics: CaptureStatistics?

    public init(device: String, options: LiveCaptureOptions) throws(LiveCaptureError) {
        self.device = device
        var errorBuffer = [CChar](repeating: 0, count: Int(PCAP_ERRBUF_SIZE) + 1)
        guard let handle = pcap_create(device, &errorBuffer) else {
            throw .activationFailed(device: device, message: Self.text(errorBuffer))
        }
        var activated = false
        defer { if !activated { pcap_close(handle) } }
        let snapLength = options.snapLength <= 0 ? LiveCaptureOptions.defaultSnapLength : options.snapLength
        pcap_set_snaplen(handle, Int32(clamping: snapLength))
        pcap_set_promisc(handle, options.promiscuous ? 1 : 0)
        if let size = options.bufferSize { pcap_set_buffer_size(handle, Int32(clamping: size)) }
        pcap_set_immediate_mode(handle, options.immediate ? 1 : 0)
        pcap_set_timeout(handle, options.timeoutMilliseconds)
        if options.nanosecondTimestamps {
            // Unsupported precision is not fatal: microseconds remain.
            _ = pcap_set_tstamp_precision(handle, Int32(PCAP_TSTAMP_PRECISION_NANO))
        }
        let status = pcap_activate(handle)
        if status < 0 {
            throw Self.activationError(status, device: device, handle: handle)
        }
        if status > 0 {
            let message = Self.text(pcap_geterr(handle))
            switch status {
            case PCAP_WARNING_PROMISC_NOTSUP:
                warnings.append("\(device): promiscuous mode not supported\(message.isEmpty ? "" : ": \(message)")")
            case PCAP_WARNING_TSTAMP_TYPE_NOTSUP:
                warnings.append("\(device): the requested time stamp type is not supported")
            default:
                warnings.append("\(device): \(message.isEmpty ? "warning \(status) from libpcap" : message)")
            }
        }
        // `any`: prefer cooked v2, which names each packet's interface (as tcpdump 4.99 does).
        if pcap_datalink(handle) == DLT_LINUX_SLL, Self.dataLinks(handle).contains(DLT_LINUX_SLL2) {
            _ = pcap_set_datalink(handle, DLT_LINUX_SLL2)
        }
        if pcap_setnonblock(handle, 1, &errorBuffer) != 0 {
            throw .activationFailed(device: device, message: "cannot make it non-blocking: \(Self.text(errorBuffer))")
        }
        let descriptor = pcap_get_selectable_fd(handle)
        guard descriptor >= 0 else {
            throw .activationFailed(device: device, message: "libpcap gives no selectable descriptor")
        }
        let dataLinkType = pcap_datalink(handle)
        self.dataLinkType = dataLinkType
        self.linkType = Self.linkType(forDataLink: dataLinkType)
        self.snapLength = Int(pcap_snapshot(handle))
        self.nanosecondTimestamps = pcap_get_tstamp_precision(handle) == Int32(PCAP_TSTAMP_PRECISION_NANO)
        self.selectableDescriptor = descriptor
        self.isNetworkInterface = if_nametoindex(device) != 0
        self.handle = handle
        activated = true
    }

    deinit {
        if let handle { pcap_close(handle) }
    }

    /// Whether the device is still open (not closed after an error or by `close()`).
    public var isOpen: Bool { handle != nil }

    /// Compiles and installs a BPF filter (optimised, netmask unknown, as tcpdump without -n lookups).
    public func setFilter(_ expression: String) throws(LiveCaptureError) {
        guard let handle else { return }
        var program = bpf_program()
        if pcap_compile(handle, &program, expression, 1, PCAP_NETMASK_UNKNOWN) != 0 {
            throw .filter(device: device, error: FilterError(expression: expression, message: Self.text(pcap_geterr(handle))))
        }
        defer { pcap_freecode(&program) }
        if pcap_setfilter(handle, &program) != 0 {
            throw .filter(device: device, error: FilterError(expression: expression, message: Self.text(pcap_geterr(handle))))
        }
        filterExpression = expression
    }

    /// The next packet if one is ready, nil if none is (or the device was closed). Its bytes are
    /// valid until the next call. Throws `interfaceWentAway` when the device disappeared or went
    /// down, `readFailed` for other errors; the device is closed after either.
    public func next() throws(LiveCaptureError) -> LivePacket? {
        guard let handle else { return nil }
        var header: UnsafeMutablePointer<pcap_pkthdr>?
        var data: UnsafePointer<UInt8>?
        let status = pcap_next_ex(handle, &header, &data)
        switch status {
        case 1:
            guard let header, let data else { return nil }
            let captured = Int(header.pointee.caplen)
            let seconds = Int64(header.pointee.ts.tv_sec)
            let fraction = Int64(header.pointee.ts.tv_usec)
            let nanoseconds = nanosecondTimestamps ? fraction : fraction &* 1000
            packetsCaptured += 1
            return LivePacket(
                timestamp: seconds &* 1_000_000_000 &+ nanoseconds,
                originalLength: Int(header.pointee.len),
                bytes: UnsafeRawBufferPointer(start: UnsafeRawPointer(data), count: captured))
        case 0, PCAP_ERROR_BREAK:
            return nil
        default:
            let message = Self.text(pcap_geterr(handle))
            // Some pseudo-devices (nflog) report an empty non-blocking read as an error.
            if message.contains("Resource temporarily unavailable") { return nil }
            let error = Self.readError(device: device, message: message, isNetworkInterface: isNetworkInterface)
            finalStatistics = statistics()
            close()
            throw error
        }
    }

    /// libpcap's counters (pcap_stats); after an error closed the device, the last ones read;
    /// nil when libpcap cannot tell.
    public func statistics() -> CaptureStatistics? {
        guard let handle else { return finalStatistics }
        var counters = pcap_stat()
        guard pcap_stats(handle, &counters) == 0 else { return nil }
        return CaptureStatistics(
            received: UInt64(counters.ps_recv), droppedByKernel: UInt64(counters.ps_drop),
            droppedByInterface: UInt64(counters.ps_ifdrop))
    }

    /// Closes the device; `next()` returns nil afterwards.
    public func close() {
        if let handle { pcap_close(handle) }
        handle = nil
    }

    // MARK: - Helpers

    /// The file LINKTYPE for a libpcap DLT: DLT_RAW (12, or 14 on OpenBSD) is LINKTYPE_RAW 101;
    /// every other DLT this tool meets has the same number in files.
    public static func linkType(forDataLink dataLink: Int32) -> LinkType {
        if dataLink == 12 || dataLink == 14 || dataLink == DLT_RAW { return .raw }
        return LinkType(rawValue: UInt32(clamping: dataLink))
    }

    static func readError(device: String, message: String, isNetworkInterface: Bool) -> LiveCaptureError {
        let lower = message.lowercased()
        let vanished = [
            "went down", "disappeared", "no such device", "network is down", "no such device or address",
        ]
        if vanished.contains(where: { lower.contains($0) }) || (isNetworkInterface && if_nametoindex(device) == 0) {
            return .interfaceWentAway(device: device, message: message.isEmpty ? "read failed" : message)
        }
        return .readFailed(device: device, message: message)
    }

    static func activationError(_ status: Int32, device: String, handle: OpaquePointer) -> LiveCaptureError {
        let message = text(pcap_geterr(handle))
        switch status {
        case PCAP_ERROR_NO_SUCH_DEVICE:
            return .noSuchDevice(device: device, available: Interfaces.names())
        case PCAP_ERROR_PERM_DENIED:
            return .permissionDenied(device: device, message: message.isEmpty ? "permission denied" : message)
        case PCAP_ERROR_PROMISC_PERM_DENIED:
            return .promiscuousPermissionDenied(device: device, message: message)
        case PCAP_ERROR_IFACE_NOT_UP:
            return .interfaceNotUp(device: device)
        default:
            if message.contains("Operation not permitted") || message.contains("Permission denied") {
                return .permissionDenied(device: device, message: message)
            }
            let fallback = String(cString: pcap_statustostr(status))
            return .activationFailed(device: device, message: message.isEmpty ? fallback : message)
        }
    }

    static func dataLinks(_ handle: OpaquePointer) -> [Int32] {
        var list: UnsafeMutablePointer<Int32>?
        let count = pcap_list_datalinks(handle, &list)
        guard count > 0, let list else { return [] }
        defer { pcap_free_datalinks(list) }
        return Array(UnsafeBufferPointer(start: list, count: Int(count)))
    }

    /// A NUL-terminated C buffer as a String.
    static func text(_ buffer: [CChar]) -> String {
        buffer.withUnsafeBufferPointer { pointer in
            guard let base = pointer.baseAddress else { return "" }
            return String(cString: base)
        }
    }

    static func text(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }
}
