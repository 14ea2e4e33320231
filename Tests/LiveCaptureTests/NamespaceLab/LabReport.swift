import Foundation

// calicap's JSON (schemaVersion 1): the fields the lab checks.

struct ReportEndpoint: Codable, Hashable, Sendable, CustomStringConvertible {
    var ip: String
    var port: Int?
    var description: String { port.map { "\(ip):\($0)" } ?? ip }
}

struct PacketCounts: Codable, Hashable, Sendable, CustomStringConvertible {
    var toServer: Int
    var toClient: Int
    var description: String { "\(toServer)/\(toClient)" }
}

struct ReportCarrier: Codable, Sendable {
    var mode: String
    var outerSource: String?
    var outerDestination: String?
    var vni: Int?
    var packets: Int?
}

struct ReportFlow: Codable, Sendable {
    var `protocol`: String
    var client: ReportEndpoint
    var server: ReportEndpoint
    var kind: String
    var mode: String
    var carriers: [ReportCarrier]
    var packets: PacketCounts
    var answered: Bool
    var notes: [String]?

    var key: FlowKey { FlowKey(protocol: self.protocol, client: client, server: server) }
}

struct ReportPool: Codable, Sendable {
    var behaviour: String?
    var encapsulation: String?
}

struct ReportSummary: Codable, Sendable {
    var packets: Int
    var flows: Int
    var pool: ReportPool?
    var duplicatePackets: Int?
    var warnings: [String]?
}

struct ReportCapturePoint: Codable, Sendable {
    var role: String?
    var device: String?
    var roleAssumed: Bool?
}

struct ReportCapture: Codable, Sendable {
    var source: String?
    var linkType: String?
    var interface: String?
    var interfaceAssumed: Bool?
    var packets: Int?
    var capturePoints: [ReportCapturePoint]?
}

struct Report: Codable, Sendable {
    var schemaVersion: Int
    var captures: [ReportCapture]?
    var summary: ReportSummary
    var flows: [ReportFlow]

    static func decode(_ text: String) throws -> Report {
        try JSONDecoder().decode(Report.self, from: Data(text.utf8))
    }

    func flow(_ key: FlowKey) -> ReportFlow? { flows.first { $0.key == key } }

    /// (mode, answered, client, server) of every flow, as the brief compares live and replay.
    var verdicts: Set<FlowVerdictLine> {
        Set(flows.map { FlowVerdictLine(protocol: $0.protocol, mode: $0.mode, answered: $0.answered,
                                        client: $0.client.description, server: $0.server.description) })
    }
}

struct FlowVerdictLine: Hashable, Sendable, CustomStringConvertible {
    var `protocol`: String
    var mode: String
    var answered: Bool
    var client: String
    var server: String
    var description: String { "\(self.protocol) \(client) > \(server) \(mode) answered=\(answered)" }
}

struct FlowKey: Hashable, Sendable, CustomStringConvertible {
    var `protocol`: String
    var client: ReportEndpoint
    var server: ReportEndpoint
    var description: String { "\(self.protocol) \(client) > \(server)" }
}
