/// One flow on one line, for evidence: `tcp 172.16.158.1:10002 → 172.16.34.1:8080 ipip answered 20 pkts`,
/// with pod names when the resolver knows them.
struct FlowDescriber: Sendable {
    var resolver: any NameResolver

    func describe(_ flow: ObservedFlow) -> String {
        var text = "\(flow.protocolName) \(flow.client) → \(flow.server) \(flow.mode) "
        text += flow.answered ? "answered" : "unanswered"
        text += " \(flow.packets) pkts"
        let client = resolver.pod(at: flow.client.address)
        let server = resolver.pod(at: flow.server.address)
        if client != nil || server != nil {
            text += " (\(client?.description ?? "\(flow.client.address)") → \(server?.description ?? "\(flow.server.address)"))"
        }
        return text
    }
}
