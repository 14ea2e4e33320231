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
    /// Bytes the tunnel's outer headers added (outermost IP length less the inner IP length), and
    /// the inner IP bytes they carried, over the packets seen here.
    public var outerHeaderBytes = 0
    public var innerBytes = 0
    /// The largest outermost IP length seen here (above the link MTU: a GSO/TSO or GRO super-frame).
    public var largestOuterLength = 0
    /// Packets above 1500 bytes seen here: super-frames of segmentation or receive offloads.
    public var superFrames = 0
    /// VXLAN outer UDP checksums that were wrong, per direction, and those left unfinished for the
    /// NIC (partial checksum offload, seen on the sender's own capture).
    public var wrongChecksumsForward = 0
    public var wrongChecksumsReverse = 0
    public var unfinishedChecksums = 0

    public var packets: Int { packetsForward + packetsReverse }
    public var wrongChecksums: Int { wrongChecksumsForward + wrongChecksumsReverse }

    /// The length of an Ethernet MTU: above it, a captured packet is an offload super-frame.
    public static let ethernetMTU = 1500

    /// Counts a packet going `direction` that matches this observation (`observation`, its own,
    /// may know inner MACs or the outer source this one lacks). True when it is the first of its
    /// direction here.
    @inline(__always)
    mutating func add(_ observation: CarrierObservation, direction: Direction, time: Int64, sizes: PacketSizes) -> Bool {
        count(sizes, direction: direction)
        let first: Bool
        if direction == .forward {
            first = packetsForward == 0
            packetsForward += 1
        } else {
            first = packetsReverse == 0
            packetsReverse += 1
        }
        lastSeen = max(lastSeen, time)
        firstSeen = min(firstSeen, time)
        if observation.innerSourceMAC != nil && innerSourceMAC == nil && innerDestinationMAC == nil {
            innerSourceMAC = observation.innerSourceMAC
            innerDestinationMAC = observation.innerDestinationMAC
        }
        if forwardOuterSource == nil {
            forwardOuterSource = observation.forwardOuterSource
        }
        return first
    }

    mutating func count(_ sizes: PacketSizes, direction: Direction) {
        outerHeaderBytes += sizes.outerHeaderBytes
        innerBytes += sizes.innerBytes
        if sizes.outerLength > largestOuterLength { largestOuterLength = sizes.outerLength }
        if sizes.outerLength > Self.ethernetMTU { superFrames += 1 }
        switch sizes.checksum {
        case .wrong:
            if direction == .forward { wrongChecksumsForward += 1 } else { wrongChecksumsReverse += 1 }
        case .unfinished:
            unfinishedChecksums += 1
        default:
            break
        }
    }

    public func matches(_ other: CarrierObservation) -> Bool {
        capturePoint == other.capturePoint && carrier == other.carrier && outerLower == other.outerLower
            && outerUpper == other.outerUpper && networkIdentifier == other.networkIdentifier
            && tunnelPort == other.tunnelPort
    }
}
