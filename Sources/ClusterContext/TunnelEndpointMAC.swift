import Crypto
import Wire

/// A node's VXLAN tunnel endpoint (VTEP) MAC address, and whether the cluster files gave it or it
/// was derived the way Felix derives it.
public struct TunnelEndpointMAC: Hashable, Sendable, CustomStringConvertible {
    public let address: MACAddress
    /// True when a node file named it (`projectcalico.org/VXLANTunnelMACAddr`,
    /// `spec.vxlanTunnelMACAddr`, or their `V6` forms); false when derived from the node name.
    public let isGiven: Bool

    public init(address: MACAddress, isGiven: Bool) {
        self.address = address
        self.isGiven = isGiven
    }

    /// Felix's MAC for a node that has none configured (`felix/calc/vxlan_resolver.go`): `0x66`
    /// followed by the first five bytes of SHA-1 of the node name, or for IPv6 of the node name
    /// followed by `-v6`.
    public static func derived(nodeName: String, forIPv6: Bool) -> TunnelEndpointMAC {
        let input = forIPv6 ? nodeName + "-v6" : nodeName
        let digest = Insecure.SHA1.hash(data: Array(input.utf8))
        var value: UInt64 = 0x66
        for byte in digest.prefix(5) {
            value = value << 8 | UInt64(byte)
        }
        return TunnelEndpointMAC(address: MACAddress(rawValue: value), isGiven: false)
    }

    public var description: String { isGiven ? "\(address)" : "\(address) (derived)" }
}
