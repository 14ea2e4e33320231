/// `flows[i]`: the flows from one selector to another, their mode and whether they were answered.
public struct FlowExpectation: Sendable, Hashable {
    /// The client side; nil means any pod.
    public var from: FlowSelector?
    /// The server side; nil means any pod.
    public var to: FlowSelector?
    public var mode: String?
    public var answered: Bool?
    /// At least this many flows must match (default 1: an expectation nothing matches fails).
    public var minimumFlows: Int
    /// Only flows of this protocol (`tcp`, `udp`, `icmp`, `icmpv6`).
    public var protocolName: String?
    /// Only flows to this server port.
    public var port: UInt16?
    /// Whether same-node (`local`) flows are judged too; the `--expect-mode` short form leaves
    /// them out.
    public var includesLocal: Bool
    public var line: Int?

    public init(
        from: FlowSelector? = nil, to: FlowSelector? = nil, mode: String? = nil, answered: Bool? = nil,
        minimumFlows: Int = 1, protocolName: String? = nil, port: UInt16? = nil, includesLocal: Bool = true,
        line: Int? = nil
    ) {
        self.from = from
        self.to = to
        self.mode = mode
        self.answered = answered
        self.minimumFlows = minimumFlows
        self.protocolName = protocolName
        self.port = port
        self.includesLocal = includesLocal
        self.line = line
    }

    /// `default/w1-p0 → default/w0-p0 tcp/8080: mode ipip, answered, at least 3 flows`.
    public var title: String {
        var scope = "\(from?.description ?? "any pod") → \(to?.description ?? "any pod")"
        if let protocolName { scope += " \(protocolName)" }
        if let port { scope += protocolName == nil ? " port \(port)" : "/\(port)" }
        if !includesLocal { scope += " (between nodes)" }
        var wanted: [String] = []
        if let mode { wanted.append("mode \(mode)") }
        if let answered { wanted.append(answered ? "answered" : "unanswered") }
        if minimumFlows != 1 { wanted.append("at least \(minimumFlows) flows") }
        return wanted.isEmpty ? scope : scope + ": " + wanted.joined(separator: ", ")
    }
}
