/// An IP prefix such as `172.16.0.0/16` or `fd00:10::/64`, used for pod pools and node subnets.
public struct IPNetwork: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The network address, with host bits cleared.
    public let address: IPAddress
    public let prefixLength: Int

    public init(address: IPAddress, prefixLength: Int) {
        let maximum = address.isIPv4 ? 32 : 128
        let length = max(0, min(prefixLength, maximum))
        self.prefixLength = length
        self.address = IPNetwork.masked(address, length)
    }

    /// Parses `address/prefix`; a bare address is a host prefix (/32 or /128).
    public init?(_ text: some StringProtocol) {
        guard let (address, length) = Self.parse(text) else { return nil }
        self.init(address: address, prefixLength: length)
    }

    /// `address/prefix` as written, the address's host bits kept (a node's `192.168.10.101/24`);
    /// a bare address gets a host prefix (/32 or /128). Nil for anything else.
    public static func parse(_ text: some StringProtocol) -> (address: IPAddress, prefixLength: Int)? {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let first = parts.first, let address = IPAddress(first) else { return nil }
        let maximum = address.isIPv4 ? 32 : 128
        var length = maximum
        if parts.count == 2 {
            guard let parsed = Int(parts[1]), (0...maximum).contains(parsed) else { return nil }
            length = parsed
        }
        return (address, length)
    }

    public func contains(_ candidate: IPAddress) -> Bool {
        switch (address, candidate) {
        case (.v4, .v4), (.v6, .v6):
            return IPNetwork.masked(candidate, prefixLength) == address
        default:
            return false
        }
    }

    /// Whether the two prefixes share any address.
    public func overlaps(_ other: IPNetwork) -> Bool {
        contains(other.address) || other.contains(address)
    }

    static func masked(_ address: IPAddress, _ length: Int) -> IPAddress {
        switch address {
        case .v4(let v4):
            let mask: UInt32 = length == 0 ? 0 : ~UInt32(0) << UInt32(32 - length)
            return .v4(IPv4Address(rawValue: v4.rawValue & mask))
        case .v6(let v6):
            let highMask: UInt64 = length == 0 ? 0 : (length >= 64 ? ~0 : ~UInt64(0) << UInt64(64 - length))
            let lowLength = length - 64
            let lowMask: UInt64 = lowLength <= 0 ? 0 : (lowLength >= 64 ? ~0 : ~UInt64(0) << UInt64(64 - lowLength))
            return .v6(IPv6Address(high: v6.high & highMask, low: v6.low & lowMask))
        }
    }

    public var description: String { "\(address)/\(prefixLength)" }

    public static func < (lhs: IPNetwork, rhs: IPNetwork) -> Bool {
        (lhs.address, lhs.prefixLength) < (rhs.address, rhs.prefixLength)
    }
}
