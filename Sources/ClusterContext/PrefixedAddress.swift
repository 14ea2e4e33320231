import Wire

/// A host address together with the prefix length of its subnet, as Calico publishes a node's
/// address (`projectcalico.org/IPv4Address: 192.168.10.101/24`). Unlike `IPNetwork`, which clears
/// the host bits, it keeps the address itself.
public struct PrefixedAddress: Hashable, Sendable, CustomStringConvertible {
    public let address: IPAddress
    public let prefixLength: Int

    public init(address: IPAddress, prefixLength: Int) {
        let maximum = address.isIPv4 ? 32 : 128
        self.address = address
        self.prefixLength = max(0, min(prefixLength, maximum))
    }

    /// Parses `address/prefix`; a bare address gets a host prefix (/32 or /128), as Felix does.
    public init?(_ text: some StringProtocol) {
        guard let (address, length) = IPNetwork.parse(text) else { return nil }
        self.init(address: address, prefixLength: length)
    }

    /// The subnet: the address with its host bits cleared.
    public var network: IPNetwork { IPNetwork(address: address, prefixLength: prefixLength) }

    /// Whether the prefix is a single host (/32 or /128): such a node shares a subnet with no other.
    public var isHostPrefix: Bool { prefixLength == (address.isIPv4 ? 32 : 128) }

    public var description: String { "\(address)/\(prefixLength)" }
}
