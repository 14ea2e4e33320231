import Wire

/// Reads a Calico `Node` (`calicoctl get node -o yaml|json`, apiVersion `projectcalico.org/v3`).
enum CalicoNodeReader {
    static func read(_ resource: DocumentValue, fields: FieldReader, source: ClusterSource)
        throws(ClusterFileError) -> ClusterNode
    {
        let name = try ResourceName.required(resource, fields: fields, what: "the node's name")
        let spec = resource["spec"]
        func specValue(_ path: String) -> DocumentValue? { spec?.value(at: path) }

        var internalAddresses: [IPAddress] = []
        for (index, entry) in (spec?["addresses"]?.elements ?? []).enumerated() {
            guard try fields.text(entry["type"], field: "spec.addresses[\(index)].type") == "InternalIP" else {
                continue
            }
            let field = "spec.addresses[\(index)].address"
            guard let text = try fields.nonEmptyText(entry["address"], field: field) else { continue }
            guard let address = PrefixedAddress(text)?.address else {
                throw fields.failure(entry["address"] ?? entry, field: field, expected: "an IP address")
            }
            internalAddresses.append(address)
        }
        return ClusterNode(
            name: name,
            internalAddresses: internalAddresses,
            calicoIPv4Address: try fields.prefixedAddress(
                specValue("bgp.ipv4Address"), field: "spec.bgp.ipv4Address", wantIPv6: false),
            calicoIPv6Address: try fields.prefixedAddress(
                specValue("bgp.ipv6Address"), field: "spec.bgp.ipv6Address", wantIPv6: true),
            ipipTunnelAddress: try fields.ipv4(
                specValue("bgp.ipv4IPIPTunnelAddr"), field: "spec.bgp.ipv4IPIPTunnelAddr"),
            vxlanTunnelIPv4Address: try fields.ipv4(
                specValue("ipv4VXLANTunnelAddr"), field: "spec.ipv4VXLANTunnelAddr"),
            vxlanTunnelIPv6Address: try fields.ipv6(
                specValue("ipv6VXLANTunnelAddr"), field: "spec.ipv6VXLANTunnelAddr"),
            givenVXLANTunnelIPv4MAC: try fields.mac(specValue("vxlanTunnelMACAddr"), field: "spec.vxlanTunnelMACAddr"),
            givenVXLANTunnelIPv6MAC: try fields.mac(
                specValue("vxlanTunnelMACAddrV6"), field: "spec.vxlanTunnelMACAddrV6"),
            wireGuardPublicKey: try fields.nonEmptyText(
                resource.value(at: "status.wireguardPublicKey"), field: "status.wireguardPublicKey"),
            wireGuardIPv6PublicKey: try fields.nonEmptyText(
                resource.value(at: "status.wireguardPublicKeyV6"), field: "status.wireguardPublicKeyV6"),
            wireGuardInterfaceIPv4Address: try fields.ipv4(
                specValue("wireguard.interfaceIPv4Address"), field: "spec.wireguard.interfaceIPv4Address"),
            wireGuardInterfaceIPv6Address: try fields.ipv6(
                specValue("wireguard.interfaceIPv6Address"), field: "spec.wireguard.interfaceIPv6Address"),
            labels: fields.labels(resource.value(at: "metadata.labels")),
            sources: [source])
    }
}
