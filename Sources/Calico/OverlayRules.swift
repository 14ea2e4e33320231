import Wire

/// Names the overlay a carrier belongs to from what its packets prove: the tunnel protocol, the
/// UDP port, the VNI (and whether it follows the sender rather than the network), and whether the
/// inner Ethernet addresses are Calico's VTEP MACs.
///
/// VXLAN is Calico's when its VNI is Calico's (Felix's `vxlanVNI`, 4096 by default) or its inner
/// MACs are Calico VTEP MACs (given in the cluster files, or every inner MAC of the form `66:…`
/// Felix derives). Otherwise: VNI 0xca11c0 is Calico's eBPF NodePort forwarding; a VNI that
/// differs by direction is a sender identity (Cilium); VNI 1 is Flannel; UDP 8472 with a VNI in
/// Cilium's identity ranges (2-10 reserved, 256 and up) is Cilium; anything else is VXLAN of
/// another origin. Geneve is Cilium's when its VNI differs by direction, else Geneve of another
/// origin. IP in UDP is Flannel's `udp` backend. IPIP is Calico's.
public struct OverlayRules: Sendable, Hashable {
    /// Calico's VXLAN VNIs: Felix's default 4096, and any `vxlanVNI` the cluster files set.
    public var calicoVNIs: Set<UInt32>
    /// VTEP MACs of Calico nodes known from the cluster files (given or derived by Felix's rule).
    public var calicoVTEPMACs: Set<MACAddress>

    /// Calico eBPF's NodePort forwarding VNI (`CALI_VXLAN_VNI`, felix/bpf-gpl/nat.h).
    public static let calicoEBPFNodePortVNI: UInt32 = 0xca11c0
    /// Felix's default `vxlanVNI`.
    public static let calicoDefaultVNI: UInt32 = 4096
    /// Flannel's default VNI (`flannel.1`).
    public static let flannelVNI: UInt32 = 1
    /// The Linux kernel's VXLAN port, Flannel's and Cilium's default.
    public static let linuxVXLANPort: UInt16 = 8472
    /// Cilium's reserved identities that can be a VXLAN sender (world, unmanaged, health, init,
    /// remote-node, kube-apiserver, ingress, world-ipv4, world-ipv6); local identities start at 256.
    public static let ciliumReservedIdentities: ClosedRange<UInt32> = 2...10
    public static let ciliumFirstLocalIdentity: UInt32 = 256

    /// A VNI that can be a Cilium security identity: host (1), the other reserved identities, or a
    /// local or cluster-mesh identity (256 and up).
    public static func isCiliumIdentity(_ vni: UInt32) -> Bool {
        vni == flannelVNI || ciliumReservedIdentities.contains(vni) || vni >= ciliumFirstLocalIdentity
    }

    public init(calicoVNIs: Set<UInt32> = [OverlayRules.calicoDefaultVNI], calicoVTEPMACs: Set<MACAddress> = []) {
        self.calicoVNIs = calicoVNIs
        self.calicoVTEPMACs = calicoVTEPMACs
    }

    /// The overlay of one carrier; nil for direct, WireGuard and unknown carriers (no tunnel).
    /// `vniFollowsSender`: the flow's packets carried one set of VNIs one way and a disjoint set
    /// the other way.
    public func overlay(of carrier: ResolvedCarrier, vniFollowsSender: Bool) -> Overlay? {
        switch carrier.mode {
        case .ipip: return .calico
        case .direct, .wireguard, .unknown: return nil
        case .gre: return .gre
        case .erspan: return .erspan
        case .ipInUDP: return .flannel
        case .geneve: return vniFollowsSender ? .cilium : .geneve
        case .vxlan: break
        }
        // Seen on vxlan.calico (no outer header): the device is Calico's.
        guard let vni = carrier.networkIdentifier else { return .calico }
        if vni == Self.calicoEBPFNodePortVNI { return .calicoEBPFNodePort }
        let macs = [carrier.clientSideMAC, carrier.serverSideMAC].compactMap { $0 }
        if calicoVNIs.contains(vni) || macs.contains(where: calicoVTEPMACs.contains) { return .calico }
        if !macs.isEmpty && macs.allSatisfy(\.isCalicoVTEP) { return .calico }
        if vniFollowsSender { return .cilium }
        if vni == Self.flannelVNI { return .flannel }
        if carrier.port == Self.linuxVXLANPort,
            Self.ciliumReservedIdentities.contains(vni) || vni >= Self.ciliumFirstLocalIdentity
        {
            return .cilium
        }
        return .vxlan
    }
}
