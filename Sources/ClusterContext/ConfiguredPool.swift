import Wire

/// A Calico IP pool as the cluster files configure it.
public struct ConfiguredPool: Hashable, Sendable, CustomStringConvertible {
    /// The selector that puts a pool on every node: the only one this tool evaluates.
    public static let allNodesSelector = "all()"

    public let name: String
    public let cidr: IPNetwork
    public let ipipMode: EncapsulationMode
    public let vxlanMode: EncapsulationMode
    /// The per-node block prefix length; Calico's default (26, or 122 for IPv6) when absent.
    public let blockSize: Int
    /// The pool's `nodeSelector`; `all()` when absent.
    public let nodeSelector: String
    public let isDisabled: Bool
    public let source: ClusterSource

    public init(
        name: String, cidr: IPNetwork, ipipMode: EncapsulationMode = .never,
        vxlanMode: EncapsulationMode = .never, blockSize: Int? = nil,
        nodeSelector: String? = nil, isDisabled: Bool = false, source: ClusterSource
    ) {
        self.name = name
        self.cidr = cidr
        self.ipipMode = ipipMode
        self.vxlanMode = vxlanMode
        self.blockSize = blockSize ?? (cidr.address.isIPv4 ? 26 : 122)
        let selector = nodeSelector?.trimmingSpaces() ?? ""
        self.nodeSelector = selector.isEmpty ? ConfiguredPool.allNodesSelector : selector
        self.isDisabled = isDisabled
        self.source = source
    }

    public var isIPv6: Bool { !cidr.address.isIPv4 }

    /// Whether the pool applies to every node (`all()`). Any other selector is not evaluated here:
    /// the node labels it needs may be missing, and its language is not implemented.
    public var isNodeSelectorEvaluated: Bool {
        nodeSelector.filter { $0 != " " } == ConfiguredPool.allNodesSelector
    }

    /// Whether the pool is CrossSubnet in the sense of Felix (`l3_route_resolver.go`): either mode.
    public var isCrossSubnet: Bool { ipipMode == .crossSubnet || vxlanMode == .crossSubnet }

    /// What Calico's validation would reject in this pool, if anything.
    public var configurationProblem: PoolConfigurationProblem? {
        if isIPv6 && ipipMode.isEnabled { return .ipipOnIPv6Pool(ipipMode) }
        if ipipMode.isEnabled && vxlanMode.isEnabled {
            return .bothEncapsulationsEnabled(ipipMode: ipipMode, vxlanMode: vxlanMode)
        }
        return nil
    }

    public var description: String {
        "\(name) \(cidr) ipipMode \(ipipMode) vxlanMode \(vxlanMode)\(isDisabled ? " (disabled)" : "")"
    }
}
