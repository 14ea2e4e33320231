/// Whose overlay a tunnel belongs to, as the packets show it: Calico's own pod encapsulation, or
/// another overlay that calicap recognises and names but never turns into a Calico mode or pool
/// verdict. Reported as `overlay` on flows and carriers.
public enum Overlay: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Calico's IPIP, or VXLAN with Calico's VNI or VTEP MACs.
    case calico
    /// Calico's eBPF dataplane forwarding NodePort traffic between nodes (VXLAN VNI 0xca11c0):
    /// Calico, but not pod encapsulation.
    case calicoEBPFNodePort = "calico-ebpf-nodeport"
    /// Flannel: VXLAN with VNI 1 and VTEP MACs that are not Calico's, or the `udp` backend (IP in UDP 8285).
    case flannel
    /// Cilium: VXLAN or Geneve whose VNI is the sender's security identity.
    case cilium
    /// Geneve of another origin (OVN-Kubernetes, Antrea, a cloud's fabric).
    case geneve
    /// VXLAN whose VNI and VTEP MACs are neither Calico's nor those of a known overlay.
    case vxlan
    /// A GRE tunnel (site-to-site, a cloud's fabric).
    case gre
    /// ERSPAN: a mirror session's copies of traffic, not a path the traffic took.
    case erspan

    /// Whether this overlay carries pod traffic between nodes in place of Calico's: when such an
    /// overlay is seen and no Calico encapsulation is, the capture says nothing about Calico's pool.
    public var replacesCalico: Bool {
        switch self {
        case .calico, .calicoEBPFNodePort, .erspan: false
        case .flannel, .cilium, .geneve, .vxlan, .gre: true
        }
    }

    /// A phrase for findings: `Flannel VXLAN (UDP 8472, VNI 1)` is built from this and the carrier.
    public var title: String {
        switch self {
        case .calico: "Calico"
        case .calicoEBPFNodePort: "Calico eBPF NodePort forwarding"
        case .flannel: "Flannel"
        case .cilium: "Cilium"
        case .geneve: "Geneve"
        case .vxlan: "VXLAN"
        case .gre: "GRE"
        case .erspan: "ERSPAN mirroring"
        }
    }

    public static func < (lhs: Overlay, rhs: Overlay) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}
