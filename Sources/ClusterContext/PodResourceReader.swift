import Wire

/// Reads a Kubernetes `Pod` (`kubectl get pods -o yaml|json`).
enum PodResourceReader {
    static func read(_ resource: DocumentValue, fields: FieldReader, source: ClusterSource)
        throws(ClusterFileError) -> ClusterPod
    {
        let name = try ResourceName.required(resource, fields: fields, what: "the pod's name")
        let namespace = try fields.nonEmptyText(resource.value(at: "metadata.namespace"), field: "metadata.namespace")
        let status = resource["status"]
        var addresses: [IPAddress] = []
        for (index, entry) in (status?["podIPs"]?.elements ?? []).enumerated() {
            if let address = try fields.address(entry["ip"], field: "status.podIPs[\(index)].ip"),
                !addresses.contains(address)
            {
                addresses.append(address)
            }
        }
        if addresses.isEmpty, let address = try fields.address(status?["podIP"], field: "status.podIP") {
            addresses.append(address)
        }
        let spec = resource["spec"]
        var isHostNetwork: Bool?
        if let spec, spec.isMapping {
            isHostNetwork = try fields.boolean(spec["hostNetwork"], field: "spec.hostNetwork") ?? false
        }
        return ClusterPod(
            namespace: namespace ?? "default",
            name: name,
            addresses: addresses,
            nodeName: try fields.nonEmptyText(spec?["nodeName"], field: "spec.nodeName"),
            isHostNetwork: isHostNetwork,
            status: try fields.nonEmptyText(status?["phase"], field: "status.phase"),
            source: source)
    }
}
