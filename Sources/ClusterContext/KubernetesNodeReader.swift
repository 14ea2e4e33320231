import Wire

/// Reads a Kubernetes `Node` (`kubectl get nodes -o yaml|json`) and calico-node's annotations on it.
enum KubernetesNodeReader {
    static let annotationPrefix = "projectcalico.org/"

    static func read(_ resource: DocumentValue, fields: FieldReader, source: ClusterSource)
        throws(ClusterFileError) -> ClusterNode
    {
        let name = try ResourceName.required(resource, fields: fields, what: "the node's name")
        let annotations = resource.value(at: "metadata.annotations")
        func annotation(_ key: String) -> DocumentValue? { annotations?[annotationPrefix + key] }
        func field(_ key: String) -> String { "metadata.annotations[\(annotationPrefix)\(key)]" }

        var internalAddresses: [IPAddress] = []
        for (index, entry) in (resource.value(at: "status.addresses")?.elements ?? []).enumerated() {
            guard try fields.text(entry["type"], field: "status.addresses[\(index)].type") == "InternalIP" else {
                continue
            }
            if let address = try fields.address(entry["address"], field: "status.addresses[\(index)].address") {
                internalAddresses.append(address)
            }
        }
        return ClusterNode(
            name: name,
            internalAddresses: internalAddresses,
            calicoIPv4Address: try fields.prefixedAddress(
                annotation("IPv4Address"), field: field("IPv4Address"), wantIPv6: false),
            calicoIPv6Address: try fields.prefixedAddress(
                annotation("IPv6Address"), field: field("IPv6Address"), wantIPv6: true),
            ipipTunnelAddress: try fields.ipv4(annotation("IPv4IPIPTunnelAddr"), field: field("IPv4IPIPTunnelAddr")),
            vxlanTunnelIPv4Address: try fields.ipv4(
                annotation("IPv4VXLANTunnelAddr"), field: field("IPv4VXLANTunnelAddr")),
            vxlanTunnelIPv6Address: try fields.ipv6(
                annotation("IPv6VXLANTunnelAddr"), field: field("IPv6VXLANTunnelAddr")),
            givenVXLANTunnelIPv4MAC: try fields.mac(
                annotation("VXLANTunnelMACAddr"), field: field("VXLANTunnelMACAddr")),
            givenVXLANTunnelIPv6MAC: try fields.mac(
                annotation("VXLANTunnelMACAddrV6"), field: field("VXLANTunnelMACAddrV6")),
            wireGuardPublicKey: try fields.nonEmptyText(
                annotation("WireguardPublicKey"), field: field("WireguardPublicKey")),
            wireGuardIPv6PublicKey: try fields.nonEmptyText(
                annotation("WireguardPublicKeyV6"), field: field("WireguardPublicKeyV6")),
            wireGuardInterfaceIPv4Address: try fields.ipv4(
                annotation("IPv4WireguardInterfaceAddr"), field: field("IPv4WireguardInterfaceAddr")),
            wireGuardInterfaceIPv6Address: try fields.ipv6(
                annotation("IPv6WireguardInterfaceAddr"), field: field("IPv6WireguardInterfaceAddr")),
            labels: fields.labels(resource.value(at: "metadata.labels")),
            sources: [source])
    }
}
