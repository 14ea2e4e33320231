import Foundation

/// What two calicap JSON reports must agree on when they saw the same packets: every flow
/// (5-tuple, kind, mode, carriers, packet and byte counts, times, outcome) and the pool's verdict with its
/// node pairs. Capture sources and capture-point ids may differ.
public struct FlowVerdicts: Equatable, CustomStringConvertible {
    public var flows: [String]
    public var pool: String
    public var packets: Int
    public var duplicatePackets: Int

    /// `ignoringSources`: the configured pools' `source` (which file or command said so) is left out.
    public init(report text: String, ignoringSources: Bool = false) throws {
        let document = try JSONText.object(text)
        let flowObjects = document["flows"] as? [[String: Any]] ?? []
        flows = flowObjects.map { flow in
            Self.fields.map { key in "\(key)=\(Self.canonical(flow[key]))" }.joined(separator: " ")
        }.sorted()
        let summary = document["summary"] as? [String: Any] ?? [:]
        var poolObject = summary["pool"] as? [String: Any] ?? [:]
        if ignoringSources { poolObject = Self.withoutSources(poolObject) as? [String: Any] ?? [:] }
        pool = Self.canonical(poolObject)
        packets = summary["packets"] as? Int ?? -1
        duplicatePackets = summary["duplicatePackets"] as? Int ?? -1
    }

    static let fields = [
        "protocol", "client", "server", "kind", "mode", "carriers", "packets", "bytes", "firstSeen", "lastSeen",
        "answered", "outcome", "clientNode", "serverNode", "tcpFlags",
    ]

    static func withoutSources(_ value: Any) -> Any {
        if let object = value as? [String: Any] {
            return object.filter { $0.key != "source" }.mapValues(withoutSources)
        }
        if let array = value as? [Any] { return array.map(withoutSources) }
        return value
    }

    /// JSON with sorted keys, so that equal values print alike.
    static func canonical(_ value: Any?) -> String {
        guard let value, !(value is NSNull) else { return "null" }
        guard JSONSerialization.isValidJSONObject(value),
            let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])
        else { return "\(value)" }
        return String(decoding: data, as: UTF8.self)
    }

    public var description: String {
        "packets \(packets), duplicates \(duplicatePackets), pool \(pool)\n" + flows.joined(separator: "\n")
    }
}
