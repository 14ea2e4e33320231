import Wire

/// Reads the pools of the operator's `Installation` (`operator.tigera.io/v1`,
/// `spec.calicoNetwork.ipPools[]`).
enum InstallationReader {
    static func read(_ resource: DocumentValue, fields: FieldReader, source: ClusterSource)
        throws(ClusterFileError) -> [ConfiguredPool]
    {
        let network = resource.value(at: "spec.calicoNetwork")
        let isBGPDisabled = try fields.text(network?["bgp"], field: "spec.calicoNetwork.bgp") == "Disabled"
        var pools: [ConfiguredPool] = []
        for (index, entry) in (network?["ipPools"]?.elements ?? []).enumerated() {
            let prefix = "spec.calicoNetwork.ipPools[\(index)]"
            guard let cidr = try fields.network(entry["cidr"], field: "\(prefix).cidr") else {
                throw fields.missing("\(prefix).cidr", in: entry, expected: "an IP prefix such as 172.16.0.0/16")
            }
            let encapsulation =
                try self.encapsulation(entry["encapsulation"], field: "\(prefix).encapsulation", fields: fields)
                ?? defaultEncapsulation(isIPv6: !cidr.address.isIPv4, isBGPDisabled: isBGPDisabled)
            let blockSizes = cidr.address.isIPv4 ? 20...32 : 116...128
            let disabled = try fields.boolean(entry["disableNewAllocations"], field: "\(prefix).disableNewAllocations")
            pools.append(
                ConfiguredPool(
                    name: try fields.nonEmptyText(entry["name"], field: "\(prefix).name") ?? "ipPools[\(index)]",
                    cidr: cidr,
                    ipipMode: encapsulation.ipipMode,
                    vxlanMode: encapsulation.vxlanMode,
                    blockSize: try fields.integer(entry["blockSize"], field: "\(prefix).blockSize", range: blockSizes),
                    nodeSelector: try fields.text(entry["nodeSelector"], field: "\(prefix).nodeSelector"),
                    isDisabled: disabled ?? false,
                    source: source))
        }
        return pools
    }

    private static func encapsulation(_ value: DocumentValue?, field: String, fields: FieldReader)
        throws(ClusterFileError) -> InstallationEncapsulation?
    {
        guard let text = try fields.nonEmptyText(value, field: field), let value else { return nil }
        guard let encapsulation = InstallationEncapsulation.allCases.first(where: {
            $0.rawValue.lowercased() == text.lowercased()
        }) else {
            throw fields.failure(
                value, field: field, expected: "IPIP, IPIPCrossSubnet, VXLAN, VXLANCrossSubnet or None")
        }
        return encapsulation
    }

    /// The operator's default when a pool names no encapsulation: IPIP with BGP, VXLAN without,
    /// and none for IPv6 pools.
    private static func defaultEncapsulation(isIPv6: Bool, isBGPDisabled: Bool) -> InstallationEncapsulation {
        if isIPv6 { return InstallationEncapsulation.none }
        return isBGPDisabled ? .vxlan : .ipip
    }
}
