import Wire

/// A Kubernetes node with what calico-node published about it, from `kubectl get nodes` (annotations)
/// and/or `calicoctl get node` (spec and status). A node described by several files is one value.
public struct ClusterNode: Hashable, Sendable, CustomStringConvertible {
    public let name: String
    /// `status.addresses` of type `InternalIP` (Kubernetes) or `InternalIP` entries of `spec.addresses` (Calico).
    public internal(set) var internalAddresses: [IPAddress]
    /// `projectcalico.org/IPv4Address` or `spec.bgp.ipv4Address`: the address with its subnet prefix.
    public internal(set) var calicoIPv4Address: PrefixedAddress?
    /// `projectcalico.org/IPv6Address` or `spec.bgp.ipv6Address`.
    public internal(set) var calicoIPv6Address: PrefixedAddress?
    /// `projectcalico.org/IPv4IPIPTunnelAddr` or `spec.bgp.ipv4IPIPTunnelAddr`: the address of `tunl0`.
    public internal(set) var ipipTunnelAddress: IPv4Address?
    /// `projectcalico.org/IPv4VXLANTunnelAddr` or `spec.ipv4VXLANTunnelAddr`: the address of `vxlan.calico`.
    public internal(set) var vxlanTunnelIPv4Address: IPv4Address?
    /// `projectcalico.org/IPv6VXLANTunnelAddr` or `spec.ipv6VXLANTunnelAddr`: the address of `vxlan-v6.calico`.
    public internal(set) var vxlanTunnelIPv6Address: IPv6Address?
    /// The MAC of `vxlan.calico`: `VXLANTunnelMACAddr` when given, otherwise Felix's derived one.
    public internal(set) var vxlanTunnelIPv4MAC: TunnelEndpointMAC
    /// The MAC of `vxlan-v6.calico`: `VXLANTunnelMACAddrV6` when given, otherwise Felix's derived one.
    public internal(set) var vxlanTunnelIPv6MAC: TunnelEndpointMAC
    /// `projectcalico.org/WireguardPublicKey` or `status.wireguardPublicKey`.
    public internal(set) var wireGuardPublicKey: String?
    /// `projectcalico.org/WireguardPublicKeyV6` or `status.wireguardPublicKeyV6`.
    public internal(set) var wireGuardIPv6PublicKey: String?
    /// `projectcalico.org/IPv4WireguardInterfaceAddr` or `spec.wireguard.interfaceIPv4Address`.
    public internal(set) var wireGuardInterfaceIPv4Address: IPv4Address?
    /// `projectcalico.org/IPv6WireguardInterfaceAddr` or `spec.wireguard.interfaceIPv6Address`.
    public internal(set) var wireGuardInterfaceIPv6Address: IPv6Address?
    /// `metadata.labels`.
    public internal(set) var labels: [String: String]
    /// Every file that described this node.
    public internal(set) var sources: [ClusterSource]

    public init(
        name: String, internalAddresses: [IPAddress] = [],
        calicoIPv4Address: PrefixedAddress? = nil, calicoIPv6Address: PrefixedAddress? = nil,
        ipipTunnelAddress: IPv4Address? = nil,
        vxlanTunnelIPv4Address: IPv4Address? = nil, vxlanTunnelIPv6Address: IPv6Address? = nil,
        givenVXLANTunnelIPv4MAC: MACAddress? = nil, givenVXLANTunnelIPv6MAC: MACAddress? = nil,
        wireGuardPublicKey: String? = nil, wireGuardIPv6PublicKey: String? = nil,
        wireGuardInterfaceIPv4Address: IPv4Address? = nil, wireGuardInterfaceIPv6Address: IPv6Address? = nil,
        labels: [String: String] = [:], sources: [ClusterSource] = []
    ) {
        self.name = name
        self.internalAddresses = internalAddresses
        self.calicoIPv4Address = calicoIPv4Address
        self.calicoIPv6Address = calicoIPv6Address
        self.ipipTunnelAddress = ipipTunnelAddress
        self.vxlanTunnelIPv4Address = vxlanTunnelIPv4Address
        self.vxlanTunnelIPv6Address = vxlanTunnelIPv6Address
        self.vxlanTunnelIPv4MAC = givenVXLANTunnelIPv4MAC.map { TunnelEndpointMAC(address: $0, isGiven: true) }
            ?? TunnelEndpointMAC.derived(nodeName: name, forIPv6: false)
        self.vxlanTunnelIPv6MAC = givenVXLANTunnelIPv6MAC.map { TunnelEndpointMAC(address: $0, isGiven: true) }
            ?? TunnelEndpointMAC.derived(nodeName: name, forIPv6: true)
        self.wireGuardPublicKey = wireGuardPublicKey
        self.wireGuardIPv6PublicKey = wireGuardIPv6PublicKey
        self.wireGuardInterfaceIPv4Address = wireGuardInterfaceIPv4Address
        self.wireGuardInterfaceIPv6Address = wireGuardInterfaceIPv6Address
        self.labels = labels
        self.sources = sources
    }

    /// Every address the node answers to: InternalIPs, Calico addresses, tunnel and WireGuard addresses.
    public var addresses: [IPAddress] {
        var result = internalAddresses
        result += [calicoIPv4Address?.address, calicoIPv6Address?.address].compactMap { $0 }
        result += [ipipTunnelAddress, vxlanTunnelIPv4Address, wireGuardInterfaceIPv4Address]
            .compactMap { $0 }.map { IPAddress.v4($0) }
        result += [vxlanTunnelIPv6Address, wireGuardInterfaceIPv6Address].compactMap { $0 }.map { IPAddress.v6($0) }
        var seen = Set<IPAddress>()
        return result.filter { seen.insert($0).inserted }
    }

    /// The Calico address (with prefix) of one family.
    public func calicoAddress(forIPv6: Bool) -> PrefixedAddress? {
        forIPv6 ? calicoIPv6Address : calicoIPv4Address
    }

    /// The address other nodes reach this node at in one family: the Calico address, otherwise
    /// the first InternalIP of that family.
    public func nodeAddress(forIPv6: Bool) -> IPAddress? {
        calicoAddress(forIPv6: forIPv6)?.address ?? internalAddresses.first { $0.isIPv4 != forIPv6 }
    }

    /// The VTEP MAC of one family.
    public func vxlanTunnelMAC(forIPv6: Bool) -> TunnelEndpointMAC {
        forIPv6 ? vxlanTunnelIPv6MAC : vxlanTunnelIPv4MAC
    }

    /// The WireGuard public key of one family, if the node published one.
    public func wireGuardKey(forIPv6: Bool) -> String? {
        forIPv6 ? wireGuardIPv6PublicKey : wireGuardPublicKey
    }

    public var description: String { name }
}
