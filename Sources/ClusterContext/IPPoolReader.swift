import Wire

/// Reads an `IPPool`, as calicoctl prints it (`projectcalico.org/v3`) or as kubectl prints the
/// custom resource (`crd.projectcalico.org/v1`).
enum IPPoolReader {
    static func read(_ resource: DocumentValue, fields: FieldReader, source: ClusterSource)
        throws(ClusterFileError) -> ConfiguredPool
    {
        let name = try ResourceName.required(resource, fields: fields, what: "the pool's name")
        let spec = resource["spec"]
        guard let cidr = try fields.network(spec?["cidr"], field: "spec.cidr") else {
            throw fields.missing("spec.cidr", in: resource, expected: "an IP prefix such as 172.16.0.0/16")
        }
        var ipipMode = try fields.mode(spec?["ipipMode"], field: "spec.ipipMode")
        if ipipMode == nil {
            ipipMode = try legacyIPIPMode(spec?["ipip"], fields: fields)
        }
        let blockSizes = cidr.address.isIPv4 ? 20...32 : 116...128
        return ConfiguredPool(
            name: name,
            cidr: cidr,
            ipipMode: ipipMode ?? .never,
            vxlanMode: try fields.mode(spec?["vxlanMode"], field: "spec.vxlanMode") ?? .never,
            blockSize: try fields.integer(spec?["blockSize"], field: "spec.blockSize", range: blockSizes),
            nodeSelector: try fields.text(spec?["nodeSelector"], field: "spec.nodeSelector"),
            isDisabled: try fields.boolean(spec?["disabled"], field: "spec.disabled") ?? false,
            source: source)
    }

    /// The v1 API's `ipip: {enabled: true, mode: always|cross-subnet}`, still found in custom
    /// resources written before Calico 3.0.
    private static func legacyIPIPMode(_ ipip: DocumentValue?, fields: FieldReader) throws(ClusterFileError)
        -> EncapsulationMode?
    {
        guard let ipip, ipip.isMapping else { return nil }
        guard try fields.boolean(ipip["enabled"], field: "spec.ipip.enabled") ?? true else { return .never }
        return try fields.mode(ipip["mode"], field: "spec.ipip.mode") ?? .always
    }
}
