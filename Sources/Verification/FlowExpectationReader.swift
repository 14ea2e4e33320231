import Yams

/// Reads one item of `flows`.
enum FlowExpectationReader {
    static let keys = ["from", "to", "mode", "answered", "minFlows", "protocol", "port"]
    static let protocols = ["tcp", "udp", "icmp", "icmpv6", "sctp"]

    static func read(_ node: Node, _ reader: YAMLNodeReader) throws(ExpectationsError) -> FlowExpectation {
        var expectation = FlowExpectation(line: node.mark?.line)
        for entry in try reader.mapping(node, "flows item", allowed: keys) {
            switch entry.key {
            case "from", "to":
                let text = try reader.string(entry.value, entry.key)
                let selector: FlowSelector
                switch FlowSelector.parse(text) {
                case .success(let parsed): selector = parsed
                case .failure(let failure): throw reader.error(entry.value, "\(entry.key): '\(failure.text)': \(failure.reason)")
                }
                if entry.key == "from" { expectation.from = selector } else { expectation.to = selector }
            case "mode":
                expectation.mode = try reader.choice(entry.value, "mode", among: FlowMode.all)
            case "answered":
                expectation.answered = try reader.boolean(entry.value, "answered")
            case "minFlows":
                expectation.minimumFlows = try reader.integer(entry.value, "minFlows", minimum: 1)
            case "protocol":
                expectation.protocolName = try reader.choice(entry.value, "protocol", among: protocols)
            default:
                let port = try reader.integer(entry.value, "port", minimum: 0)
                guard port <= 65535 else { throw reader.error(entry.value, "'port' must be at most 65535") }
                expectation.port = UInt16(port)
            }
        }
        if expectation.mode == nil && expectation.answered == nil && expectation.minimumFlows == 1 {
            throw reader.error(node, "a flows item needs mode, answered or minFlows to check")
        }
        return expectation
    }
}
