import Wire

/// One flow as verification sees it: the few facts the expectations talk about.
public struct ObservedFlow: Sendable, Hashable {
    /// `tcp`, `udp`, `icmp`, `icmpv6`, or a protocol number.
    public var protocolName: String
    public var client: ObservedEndpoint
    public var server: ObservedEndpoint
    /// `pod-to-pod`, `host-to-pod`, `pod-to-host` or `host-to-host`.
    public var kind: String
    /// `ipip`, `vxlan`, `direct`, `wireguard`, `local`, `mixed` or `unknown`.
    public var mode: String
    public var answered: Bool
    /// Packets both ways, each counted once.
    public var packets: Int
    /// The node hosting each side, when the capture shows it (tunnel endpoints).
    public var clientNode: IPAddress?
    public var serverNode: IPAddress?

    public init(
        protocolName: String, client: ObservedEndpoint, server: ObservedEndpoint, kind: String, mode: String,
        answered: Bool, packets: Int, clientNode: IPAddress? = nil, serverNode: IPAddress? = nil
    ) {
        self.protocolName = protocolName
        self.client = client
        self.server = server
        self.kind = kind
        self.mode = mode
        self.answered = answered
        self.packets = packets
        self.clientNode = clientNode
        self.serverNode = serverNode
    }

    public static let podToPod = "pod-to-pod"
    public static let hostToHost = "host-to-host"

    public var isPodToPod: Bool { kind == Self.podToPod }
    /// Whether a pod is on either side.
    public var involvesPod: Bool { kind != Self.hostToHost }
}
