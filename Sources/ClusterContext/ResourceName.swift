/// Reads `metadata.name` and `metadata.namespace` of a resource.
enum ResourceName {
    /// `metadata.name`, which must be present and not empty.
    static func required(_ resource: DocumentValue, fields: FieldReader, what: String) throws(ClusterFileError)
        -> String
    {
        let value = resource.value(at: "metadata.name")
        guard let name = try fields.nonEmptyText(value, field: "metadata.name") else {
            throw fields.missing("metadata.name", in: resource, expected: what)
        }
        return name
    }

    /// `metadata.name` when present: used in messages before the resource is read.
    static func optional(_ resource: DocumentValue) -> String? {
        guard let name = resource.value(at: "metadata.name")?.text?.trimmingSpaces(), !name.isEmpty else { return nil }
        return name
    }
}
