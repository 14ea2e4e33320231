import Wire

/// The packets of one flow seen at one capture point with one carrier (and one outer address pair).
public struct CarrierObservation: Sendable, Hashable {
    public var capturePoint: Int
    public var carrier: ObservedCarrier
    /// Outer addresses of the tunnel, in canonical order (nil for plain packets).
    public var outerLower: IPAddress?
    public var outerUpper: IPAddress?
    /// The outer source of packets going `.forward` (lower to upper), to orient the tunnel.
    public var forwardOuterSource: IPAddress?
    /// VXLAN/Geneve VNI or GRE key.
    public var networkIdentifier: UInt32?
    /// UDP destination port of a UDP tunnel (VXLAN, Geneve), zero otherwise.
    public var tunnelPort: UInt16
    /// VXLAN recognised by its header on a port outside the configured ones.
    public var detectedByHeader: Bool
    /// The inner Ethernet addresses of a tunnel that carries Ethernet (VXLAN, Geneve, GRE TEB),
    /// from the first packet that had them; the overlay rules decide what they mean.
    public var innerSourceMAC: MACAddress?
    public var innerDestinationMAC: MACAddress?
    /// The Ethernet address on each end's side, oriented by the flow key (lower, upper): the
    /// inner frame's of an Ethernet-carrying tunnel, the frame's own for plain packets (on
    /// `vxlan.calico` these are the nodes' VTEP MACs). From the first packet that had them.
    public var lowerEndMAC: MACAddress? = nil
    public var upperEndMAC: MACAddress? = nil
    /// Depth of the innermost tunnel in the stack (1 = the only tunnel); 0 for plain.
    public var tunnelDepth: Int
    public var packetsForward: Int
    public var packetsReverse: Int
    public var firstSeen: Int64
    public var lastSeen: Int64

    public var packets: Int { packetsForward + packetsReverse }

    public func matches(_ other: CarrierObservation) -> Bool {
        capturePoint == other.capturePoint && carrier == other.carrier && outerLower == other.outerLower
            && outerUpper == other.outerUpper && networkIdentifier == other.networkIdentifier
            && tunnelPort == other.tunnelPort
    }
}
