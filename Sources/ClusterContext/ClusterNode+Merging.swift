extension ClusterNode {
    /// Takes in what another file says about the same node: fields this value lacks are filled,
    /// a given VTEP MAC replaces a derived one, and disagreements keep this value's field and are
    /// returned as one-line notes.
    mutating func absorb(_ other: ClusterNode) -> [String] {
        var notes: [String] = []
        func fill<Value: Equatable & CustomStringConvertible>(_ mine: inout Value?, _ theirs: Value?, _ field: String) {
            guard let theirs else { return }
            guard let current = mine else {
                mine = theirs
                return
            }
            if current != theirs {
                notes.append(
                    "node \(name): \(field) is \(current) in one file and \(theirs) in another; using \(current)")
            }
        }
        fill(&calicoIPv4Address, other.calicoIPv4Address, "the Calico IPv4 address")
        fill(&calicoIPv6Address, other.calicoIPv6Address, "the Calico IPv6 address")
        fill(&ipipTunnelAddress, other.ipipTunnelAddress, "the IPIP tunnel address")
        fill(&vxlanTunnelIPv4Address, other.vxlanTunnelIPv4Address, "the VXLAN tunnel address")
        fill(&vxlanTunnelIPv6Address, other.vxlanTunnelIPv6Address, "the IPv6 VXLAN tunnel address")
        fill(&wireGuardPublicKey, other.wireGuardPublicKey, "the WireGuard public key")
        fill(&wireGuardIPv6PublicKey, other.wireGuardIPv6PublicKey, "the IPv6 WireGuard public key")
        fill(&wireGuardInterfaceIPv4Address, other.wireGuardInterfaceIPv4Address, "the WireGuard interface address")
        fill(
            &wireGuardInterfaceIPv6Address, other.wireGuardInterfaceIPv6Address,
            "the IPv6 WireGuard interface address")
        vxlanTunnelIPv4MAC = Self.merged(vxlanTunnelIPv4MAC, other.vxlanTunnelIPv4MAC, node: name, &notes)
        vxlanTunnelIPv6MAC = Self.merged(vxlanTunnelIPv6MAC, other.vxlanTunnelIPv6MAC, node: name, &notes)
        for address in other.internalAddresses where !internalAddresses.contains(address) {
            internalAddresses.append(address)
        }
        labels.merge(other.labels) { mine, _ in mine }
        sources += other.sources.filter { !sources.contains($0) }
        return notes
    }

    private static func merged(
        _ mine: TunnelEndpointMAC, _ theirs: TunnelEndpointMAC, node: String, _ notes: inout [String]
    ) -> TunnelEndpointMAC {
        switch (mine.isGiven, theirs.isGiven) {
        case (false, true): return theirs
        case (true, true) where mine != theirs:
            notes.append(
                "node \(node): the VTEP MAC is \(mine.address) in one file and \(theirs.address) in another; "
                    + "using \(mine.address)")
            return mine
        default: return mine
        }
    }
}
