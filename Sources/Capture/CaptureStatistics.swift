/// libpcap's counters for one device (pcap_stats), as tcpdump prints them at the end.
public struct CaptureStatistics: Sendable, Hashable {
    /// Packets that passed the filter (ps_recv: "received by filter").
    public var received: UInt64
    /// Packets the kernel dropped for lack of buffer space (ps_drop).
    public var droppedByKernel: UInt64
    /// Packets the interface or its driver dropped (ps_ifdrop).
    public var droppedByInterface: UInt64

    public init(received: UInt64, droppedByKernel: UInt64, droppedByInterface: UInt64) {
        self.received = received
        self.droppedByKernel = droppedByKernel
        self.droppedByInterface = droppedByInterface
    }
}
