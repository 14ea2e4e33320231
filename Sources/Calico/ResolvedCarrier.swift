import Wire

/// One carrier of a flow, as reported: the mode, the tunnel endpoints oriented client to server
/// (nil where the capture point does not show them), and how many of the flow's packets used it.
public struct ResolvedCarrier: Sendable, Hashable {
    public var mode: CarrierMode
    /// The outer endpoint on the client's side (the tunnel source of client-to-server packets).
    public var outerSource: IPAddress?
    public var outerDestination: IPAddress?
    public var networkIdentifier: UInt32?
    /// UDP destination port of VXLAN/Geneve, else nil.
    public var port: UInt16?
    /// Distinct packets (the largest count among the capture points that saw this carrier).
    public var packets: Int
    public var firstSeen: Int64
    public var lastSeen: Int64
    /// Capture points that saw it.
    public var capturePoints: [Int]
    /// VXLAN recognised by its header on a port outside `--vxlan-port`.
    public var detectedByHeader: Bool
    public var calicoVTEPMACs: Bool
    /// The Ethernet address on the client's and the server's side (inner frame of VXLAN, or the
    /// frame itself on `vxlan.calico`: the nodes' VTEP MACs), when the capture shows one.
    public var clientSideMAC: MACAddress? = nil
    public var serverSideMAC: MACAddress? = nil
    /// Whose overlay it is (`OverlayRules`); nil for direct, WireGuard and unknown carriers.
    public var overlay: Overlay? = nil
}
