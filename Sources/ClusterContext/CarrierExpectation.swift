import Wire

/// The carrier Felix's routes should give a node pair, and the reason, for reports to explain.
public struct CarrierExpectation: Hashable, Sendable, CustomStringConvertible {
    public enum Reason: Hashable, Sendable {
        /// Both pods are on one node.
        case sameNode
        /// Both nodes publish a WireGuard key of the pool's family.
        case wireGuard
        /// Neither `ipipMode` nor `vxlanMode` is enabled.
        case neverEncapsulated
        /// The enabled mode is `Always`.
        case alwaysEncapsulated
        /// The enabled mode is `CrossSubnet`: whether the local node's network holds the remote address.
        case crossSubnet(localNetwork: IPNetwork, remoteAddress: IPAddress, isSameSubnet: Bool)
    }

    public let carrier: ExpectedCarrier
    public let reason: Reason
    public let localNode: String
    public let remoteNode: String
    public let pool: String

    public init(carrier: ExpectedCarrier, reason: Reason, localNode: String, remoteNode: String, pool: String) {
        self.carrier = carrier
        self.reason = reason
        self.localNode = localNode
        self.remoteNode = remoteNode
        self.pool = pool
    }

    /// One line, such as `ipip: pool default-ipv4-ippool is CrossSubnet and w0 (192.168.20.100) is
    /// outside w1's 192.168.10.0/24`.
    public var description: String {
        let because: String
        switch reason {
        case .sameNode:
            because = "both ends are on \(localNode)"
        case .wireGuard:
            because = "\(localNode) and \(remoteNode) both publish a WireGuard key"
        case .neverEncapsulated:
            because = "pool \(pool) has ipipMode and vxlanMode Never"
        case .alwaysEncapsulated:
            because = "pool \(pool) is \(carrier == .vxlan ? "vxlanMode" : "ipipMode") Always"
        case .crossSubnet(let network, let address, let isSameSubnet):
            let place = isSameSubnet ? "inside" : "outside"
            because = "pool \(pool) is CrossSubnet and \(remoteNode) (\(address)) is \(place) \(localNode)'s \(network)"
        }
        return "\(carrier): \(because)"
    }
}
