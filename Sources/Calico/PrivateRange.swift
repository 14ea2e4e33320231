import Wire

/// The IPv4 ranges pod pools are drawn from: RFC 1918's private networks and RFC 6598's shared
/// address space (100.64.0.0/10, carrier-grade NAT, used by some clusters for pods).
public enum PrivateRange {
    public static let ranges: [IPNetwork] = [
        IPNetwork(address: .v4(IPv4Address(10, 0, 0, 0)), prefixLength: 8),
        IPNetwork(address: .v4(IPv4Address(172, 16, 0, 0)), prefixLength: 12),
        IPNetwork(address: .v4(IPv4Address(192, 168, 0, 0)), prefixLength: 16),
        IPNetwork(address: .v4(IPv4Address(100, 64, 0, 0)), prefixLength: 10),
    ]

    /// The range holding an IPv4 address, if any.
    public static func range(of address: IPAddress) -> IPNetwork? {
        ranges.first { $0.contains(address) }
    }

    public static func holds(_ address: IPAddress) -> Bool {
        range(of: address) != nil
    }
}
