/// Reads a `FelixConfiguration`, as calicoctl prints it (`projectcalico.org/v3`) or as kubectl
/// prints the custom resource (`crd.projectcalico.org/v1`).
enum FelixConfigurationReader {
    static func read(_ resource: DocumentValue, fields: FieldReader, source: ClusterSource)
        throws(ClusterFileError) -> FelixSettings
    {
        let name = try ResourceName.required(resource, fields: fields, what: "the FelixConfiguration's name")
        let spec = resource["spec"]
        let vni = try fields.integer(spec?["vxlanVNI"], field: "spec.vxlanVNI", range: 1...0xff_ffff)
        let port = try fields.integer(spec?["vxlanPort"], field: "spec.vxlanPort", range: 1...65535)
        return FelixSettings(
            name: name,
            wireGuardEnabled: try fields.boolean(spec?["wireguardEnabled"], field: "spec.wireguardEnabled"),
            wireGuardEnabledV6: try fields.boolean(spec?["wireguardEnabledV6"], field: "spec.wireguardEnabledV6"),
            vxlanVNI: vni.map { UInt32($0) }, vxlanPort: port.map { UInt16($0) }, source: source)
    }
}
