/// What a capture point is on a Calico node, which decides what a plain (untunnelled) packet
/// seen there proves.
public enum CapturePointRole: String, Sendable, Hashable, CaseIterable {
    /// A node's uplink (eth0) or a router port: outer headers are visible; plain pod packets are Direct.
    case uplink
    /// `tunl0`: raw IP, inner packets only; everything here was carried by IPIP.
    case ipipDevice = "ipip-device"
    /// `vxlan.calico`: inner Ethernet frames with VTEP MACs, no outer header; everything here is VXLAN.
    case vxlanDevice = "vxlan-device"
    /// `wireguard.cali`: plaintext before encryption; everything here is carried by WireGuard.
    case wireguardDevice = "wireguard-device"
    /// A workload veth (`cali*`): the pod side; proves nothing about the underlay.
    case workload
    /// The loopback device: traffic that never left the host.
    case loopback
    case unknown

    /// The device name this role stands for in reports.
    public var typicalDevice: String {
        switch self {
        case .uplink: "eth0"
        case .ipipDevice: "tunl0"
        case .vxlanDevice: "vxlan.calico"
        case .wireguardDevice: "wireguard.cali"
        case .workload: "cali*"
        case .loopback: "lo"
        case .unknown: "?"
        }
    }

    /// The role a device name implies, or nil when the name says nothing (`any`).
    public init?(interfaceName name: String) {
        let lower = name.lowercased()
        if lower == "any" || lower.isEmpty { return nil }
        if lower == "lo" || lower.hasPrefix("lo0") || lower == "loopback" {
            self = .loopback
        } else if lower.hasPrefix("tunl") || lower.hasPrefix("ipip") || lower == "cilium_ipip4" {
            self = .ipipDevice
        } else if lower.hasPrefix("vxlan") || lower.hasPrefix("flannel.") || lower == "cilium_vxlan" {
            self = .vxlanDevice
        } else if lower.hasPrefix("wireguard") || lower.hasPrefix("wg") {
            self = .wireguardDevice
        } else if lower.hasPrefix("cali") {
            self = .workload
        } else {
            self = .uplink
        }
    }
}
