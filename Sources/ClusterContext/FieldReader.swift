import Wire

/// Reads typed fields out of one resource, turning unusable values into `ClusterFileError`s that
/// name the file, the line, the resource and the field.
struct FieldReader {
    let file: String
    /// How messages name the resource: `items[2] (Node w1)`.
    let resource: String

    func failure(_ value: DocumentValue, field: String, expected: String) -> ClusterFileError {
        ClusterFileError(
            file: file, line: value.line,
            problem: .invalidValue(
                field: "\(resource) \(field)", found: ClusterFileError.printable(value.summary, limit: 80),
                expected: expected))
    }

    /// A required field that is absent, null or empty; the line is the resource's.
    func missing(_ field: String, in resource: DocumentValue, expected: String) -> ClusterFileError {
        ClusterFileError(
            file: file, line: resource.line,
            problem: .invalidValue(field: "\(self.resource) \(field)", found: "missing", expected: expected))
    }

    /// Text of a scalar; nil when absent or null; an error for a mapping or list.
    func text(_ value: DocumentValue?, field: String) throws(ClusterFileError) -> String? {
        guard let value, !value.isNull else { return nil }
        guard let text = value.text else { throw failure(value, field: field, expected: "text") }
        return text
    }

    /// Text that must not be empty once trimmed; nil when absent, null or blank.
    func nonEmptyText(_ value: DocumentValue?, field: String) throws(ClusterFileError) -> String? {
        guard let text = try text(value, field: field)?.trimmingSpaces(), !text.isEmpty else { return nil }
        return text
    }

    func address(_ value: DocumentValue?, field: String) throws(ClusterFileError) -> IPAddress? {
        guard let text = try nonEmptyText(value, field: field), let value else { return nil }
        guard let address = IPAddress(text) else {
            throw failure(value, field: field, expected: "an IP address such as 192.168.10.101")
        }
        return address
    }

    func ipv4(_ value: DocumentValue?, field: String) throws(ClusterFileError) -> IPv4Address? {
        guard let text = try nonEmptyText(value, field: field), let value else { return nil }
        guard let address = IPv4Address(text) else {
            throw failure(value, field: field, expected: "an IPv4 address such as 172.16.158.0")
        }
        return address
    }

    func ipv6(_ value: DocumentValue?, field: String) throws(ClusterFileError) -> IPv6Address? {
        guard let text = try nonEmptyText(value, field: field), let value else { return nil }
        guard let address = IPv6Address(text) else {
            throw failure(value, field: field, expected: "an IPv6 address such as fd00:10:244::9e00")
        }
        return address
    }

    /// An address with its prefix; `wantIPv6` checks the family.
    func prefixedAddress(_ value: DocumentValue?, field: String, wantIPv6: Bool) throws(ClusterFileError)
        -> PrefixedAddress?
    {
        guard let text = try nonEmptyText(value, field: field), let value else { return nil }
        guard let address = PrefixedAddress(text), address.address.isIPv4 != wantIPv6 else {
            let example = wantIPv6 ? "fd00:0:0:10::101/64" : "192.168.10.101/24"
            throw failure(value, field: field, expected: "an address with its prefix such as \(example)")
        }
        return address
    }

    func network(_ value: DocumentValue?, field: String) throws(ClusterFileError) -> IPNetwork? {
        guard let text = try nonEmptyText(value, field: field), let value else { return nil }
        guard text.contains("/"), let network = IPNetwork(text) else {
            throw failure(value, field: field, expected: "an IP prefix such as 172.16.0.0/16")
        }
        return network
    }

    func mac(_ value: DocumentValue?, field: String) throws(ClusterFileError) -> MACAddress? {
        guard let text = try nonEmptyText(value, field: field), let value else { return nil }
        guard let mac = MACAddress(text: text) else {
            throw failure(value, field: field, expected: "a MAC address such as 66:00:ac:10:9e:00")
        }
        return mac
    }

    func integer(_ value: DocumentValue?, field: String, range: ClosedRange<Int>) throws(ClusterFileError) -> Int? {
        guard let text = try nonEmptyText(value, field: field), let value else { return nil }
        guard let number = Int(text), range.contains(number) else {
            let expected = "a whole number from \(range.lowerBound) to \(range.upperBound)"
            throw failure(value, field: field, expected: expected)
        }
        return number
    }

    func boolean(_ value: DocumentValue?, field: String) throws(ClusterFileError) -> Bool? {
        guard let text = try nonEmptyText(value, field: field), let value else { return nil }
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default: throw failure(value, field: field, expected: "true or false")
        }
    }

    func mode(_ value: DocumentValue?, field: String) throws(ClusterFileError) -> EncapsulationMode? {
        guard let text = try text(value, field: field), let value else { return nil }
        guard let mode = EncapsulationMode(configured: text) else {
            throw failure(value, field: field, expected: "Always, CrossSubnet or Never")
        }
        return mode
    }

    /// A mapping of text to text (labels); non-text values are skipped.
    func labels(_ value: DocumentValue?) -> [String: String] {
        var result: [String: String] = [:]
        for (key, entry) in value?.entries ?? [:] {
            if let text = entry.text { result[key] = text }
        }
        return result
    }
}
