// The traffic manifest Lab/traffic.py prints: every flow it generated, the ground truth.

struct LabOuter: Codable, Sendable {
    var source: String
    var destination: String
}

struct LabFlow: Codable, Sendable, CustomStringConvertible {
    var `protocol`: String
    var client: ReportEndpoint
    var server: ReportEndpoint
    var clientPod: String
    var serverPod: String
    var clientNode: String
    var serverNode: String
    var clientNodeIP: String
    var serverNodeIP: String
    var sameNode: Bool
    var crossSubnet: Bool
    var carrier: String
    var outer: LabOuter?
    var vni: Int?
    var answered: Bool

    var key: FlowKey { FlowKey(protocol: self.protocol, client: client, server: server) }
    func involves(node: String) -> Bool { clientNode == node || serverNode == node }
    var description: String { "\(key) (\(clientPod)→\(serverPod), \(carrier))" }
}

struct LabManifest: Codable, Sendable {
    var prefix: String
    var mode: String
    var flows: [LabFlow]
    var unanswered: Int
}
