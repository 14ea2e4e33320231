import Calico

/// What a capture device shows on a Calico node, for `calicap interfaces`.
public enum DeviceRoleHint {
    public static func hint(for name: String) -> String? {
        let lower = name.lowercased()
        if lower == "any" { return "every interface (Linux cooked v2; each packet names its interface)" }
        switch CapturePointRole(interfaceName: name) {
        case .ipipDevice: return "Calico IPIP device: inner packets only, everything here is IPIP"
        case .vxlanDevice: return "Calico VXLAN device: inner frames, everything here is VXLAN"
        case .wireguardDevice: return "Calico WireGuard device: plaintext before encryption"
        case .workload: return "workload veth: the pod's side"
        case .loopback: return "loopback"
        case .uplink:
            if lower.hasPrefix("eth") || lower.hasPrefix("en") || lower.hasPrefix("bond") || lower.hasPrefix("ens") {
                return "uplink: outer headers (IPIP, VXLAN, WireGuard) or direct traffic"
            }
            return nil
        case .unknown, nil: return nil
        }
    }
}
