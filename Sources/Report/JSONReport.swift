import Analysis
import Calico
import Flows
import Wire

/// The `--format json` document (schema version 1; see the README for every field).
public enum JSONReport {
    public static let schemaVersion = 1

    public static func document(_ result: AnalysisResult) -> JSONValue {
        let captureNames = CaptureNames(result)
        return .object([
            ("schemaVersion", .int(schemaVersion)),
            ("captures", .array(result.captures.indices.map { capture(at: $0, result: result, names: captureNames) })),
            ("summary", summary(result)),
            ("findings", .array(FindingJSON.reportFindings(result).map(FindingJSON.finding))),
            ("flows", .array(result.flows.map { flow($0, names: result.cluster, captureNames: captureNames) })),
        ])
    }

    public static func render(_ result: AnalysisResult) -> String {
        var text = ""
        write(result) { text += $0 }
        return text
    }

    /// Writes the same text as `render`, handing it out piece by piece: the findings and the
    /// flows are formatted one at a time (a finding's own flows too), so a million flows never
    /// exist as one document in memory.
    public static func write(_ result: AnalysisResult, to output: (String) -> Void) {
        let captureNames = CaptureNames(result)
        let head = JSONValue.object([
            ("schemaVersion", .int(schemaVersion)),
            ("captures", .array(result.captures.indices.map { capture(at: $0, result: result, names: captureNames) })),
            ("summary", summary(result)),
        ]).prettyText
        func flush(_ bytes: inout [UInt8]) {
            output(String(decoding: bytes, as: UTF8.self))
            bytes.removeAll(keepingCapacity: true)
        }
        var chunk: [UInt8] = []
        chunk.reserveCapacity(1 << 17)
        chunk.append(contentsOf: (head.dropLast(2) + ",\n  \"findings\": ").utf8)
        let findings = FindingJSON.reportFindings(result)
        JSONValue.appendArray(count: findings.count, level: 1, to: &chunk, flush: flush) { index, bytes in
            FindingJSON.write(findings[index], to: &bytes, level: 2, flush: flush)
        }
        chunk.append(contentsOf: ",\n  \"flows\": ".utf8)
        JSONValue.appendArray(count: result.flows.count, level: 1, to: &chunk, flush: flush) { index, bytes in
            flow(result.flows[index], names: result.cluster, captureNames: captureNames).write(to: &bytes, indent: 2, level: 2)
        }
        chunk.append(contentsOf: "\n}\n".utf8)
        flush(&chunk)
    }

    /// A capture; its capture points carry their `number` in file order (from 1) and `name`
    /// (the file's name, with the device when the file holds several points).
    static func capture(at index: Int, result: AnalysisResult, names: CaptureNames) -> JSONValue {
        let capture = result.captures[index]
        var members: [(String, JSONValue)] = [
            ("source", .string(capture.source)),
            ("linkType", .string(capture.linkType.name)),
            ("interface", capture.interface.map(JSONValue.string) ?? .null),
            ("packets", .int(capture.packets)),
            ("interfaceAssumed", .bool(capture.interfaceAssumed)),
        ]
        if let reason = capture.interfaceReason { members.append(("interfaceReason", .string(reason))) }
        members.append(("firstSeen", capture.firstSeen.map { .string(TimestampText.iso8601($0)) } ?? .null))
        members.append(("lastSeen", capture.lastSeen.map { .string(TimestampText.iso8601($0)) } ?? .null))
        members.append(
            ("capturePoints", .array(capture.capturePoints.compactMap { id in
                result.capturePoints.indices.contains(id) ? capturePoint(result.capturePoints[id], names: names) : nil
            })))
        return .object(members)
    }

    static func capturePoint(_ point: CapturePoint, names: CaptureNames) -> JSONValue {
        var members: [(String, JSONValue)] = [("id", .int(point.id))]
        if let index = point.cookedInterfaceIndex { members.append(("interfaceIndex", .int(Int(index)))) }
        if let type = point.cookedAddressType { members.append(("hardwareType", .int(Int(type)))) }
        members += [
            ("role", .string(point.role.rawValue)),
            ("device", .string(point.interfaceName ?? point.role.typicalDevice)),
            ("roleAssumed", .bool(point.roleAssumed)),
            ("reason", .string(point.roleReason)),
            ("packets", .int(point.statistics.packets)),
        ]
        if let number = names.number(ofPoint: point.id) { members.append(("number", .int(number))) }
        if let name = names.name(ofPoint: point.id) { members.append(("name", .string(name))) }
        return .object(members)
    }

    static func counts<Key>(_ dictionary: [Key: Int], name: (Key) -> String) -> JSONValue {
        .object(dictionary.map { (name($0.key), JSONValue.int($0.value)) }.sorted { $0.0 < $1.0 })
    }

    static func summary(_ result: AnalysisResult) -> JSONValue {
        var podModes: [CalicoMode: Int] = [:]
        for flow in result.flows where flow.verdict.kind == .podToPod { podModes[flow.verdict.mode, default: 0] += 1 }
        return .object([
            ("packets", .int(result.packets)),
            ("flows", .int(result.flows.count)),
            ("modes", counts(result.modeCounts) { $0.rawValue }),
            ("anomalies", counts(result.anomalies) { $0 }),
            ("kinds", counts(result.kindCounts) { $0.rawValue }),
            ("podToPodModes", counts(podModes) { $0.rawValue }),
            ("pool", pool(result.pool, cluster: result.cluster)),
            ("podNetworks", .array(result.addresses.podNetworks.map { .string($0.description) })),
            ("podNetworksAssumed", .bool(!result.addresses.explicit)),
            ("podNetworksSource", .string(result.addresses.source.rawValue)),
            ("podNetworksInferred", PodNetworkText.inference(result.addresses)),
            ("nonIPPackets", .int(result.nonIPPackets)),
            ("neighbourDiscoveryPackets", .int(result.linkControlPackets)),
            ("duplicatePackets", .int(result.duplicatePackets)),
            ("truncatedPackets", .int(result.truncatedPackets)),
            ("filteredPackets", .int(result.filteredPackets)),
            ("evictedFlows", .int(result.evictedFlows)),
            ("nodes", .array((result.cluster?.nodes ?? []).map(ClusterJSON.node))),
            ("warnings", .array(result.warnings.map(JSONValue.string))),
            ("notices", .array(result.notices.map(JSONValue.string))),
        ])
    }

    static func pool(_ pool: PoolAssessment, cluster: ClusterReading?) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("behaviour", .string(pool.behaviour.rawValue)),
            ("encapsulation", pool.encapsulation.map { .string($0.rawValue) } ?? .null),
            ("ipipMode", pool.ipipMode.map { .string($0.rawValue) } ?? .null),
            ("vxlanMode", pool.vxlanMode.map { .string($0.rawValue) } ?? .null),
            ("possibleBehaviours", .array(pool.possibleBehaviours.map { .string($0.rawValue) })),
        ]
        if let range = pool.subnetPrefixLengths {
            members.append(("subnetPrefixLengths", .object([("min", .int(range.lowerBound)), ("max", .int(range.upperBound))])))
        }
        members.append(
            ("nodePairs", .array(pool.nodePairs.enumerated().map { index, pair in
                var pairMembers: [(String, JSONValue)] = [
                    ("nodes", .array([.string(pair.lower.description), .string(pair.upper.description)])),
                    ("modes", counts(pair.modes) { $0.rawValue }),
                    ("sameSubnet", pair.sameSubnet.map(JSONValue.bool) ?? .null),
                ]
                if let cluster, cluster.pairs.indices.contains(index) {
                    pairMembers += ClusterJSON.pairMembers(cluster.pairs[index])
                }
                return .object(pairMembers)
            })))
        members.append(
            ("evidence", .array(pool.nodePairs.map { pair in
                .object([
                    ("nodes", .array([.string(pair.lower.description), .string(pair.upper.description)])),
                    ("flows", .int(pair.flows)),
                    ("sameSubnet", pair.sameSubnet.map(JSONValue.bool) ?? .null),
                ])
            })))
        members.append(
            ("changes", .array(pool.changes.map { change in
                .object([
                    ("from", .string(change.from.rawValue)), ("to", .string(change.to.rawValue)),
                    ("at", .string(TimestampText.iso8601(change.at))),
                ])
            })))
        if let cluster {
            members.append(("configured", ClusterJSON.configured(cluster.configuredPools)))
            members.append(("configuredPools", .array(cluster.configuredPools.map(ClusterJSON.pool))))
            members.append(("agrees", cluster.agrees.map(JSONValue.bool) ?? .null))
        }
        let notes = pool.notes + (cluster?.findings.map(\.detail) ?? [])
        members.append(("notes", .array(notes.map(JSONValue.string))))
        return .object(members)
    }

    /// An end of a flow: address and port, and with cluster files its pod (`namespace/name`) and
    /// node names (null where unknown). `node` is the node hosting it: where the tunnel or the
    /// pod's block says (`nodeAddress`), else by the files' pods and node addresses.
    static func endpoint(
        _ endpoint: Endpoint, nodeAddress: IPAddress?, sideMACs: [MACAddress], names: ClusterReading?
    ) -> JSONValue {
        let node = names?.nodeName(ofEnd: endpoint.address, nodeAddress: nodeAddress, sideMACs: sideMACs)
        return .object([
            ("ip", .string(endpoint.address.description)), ("port", .int(Int(endpoint.port))),
            ("pod", names?.podName(at: endpoint.address).map(JSONValue.string) ?? .null),
            ("node", node.map(JSONValue.string) ?? .null),
        ])
    }

    static func carrier(_ carrier: ResolvedCarrier, names: ClusterReading?) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("mode", .string(carrier.mode.rawValue)),
            ("overlay", carrier.overlay.map { .string($0.rawValue) } ?? .null),
            ("outerSource", carrier.outerSource.map { .string($0.description) } ?? .null),
            ("outerDestination", carrier.outerDestination.map { .string($0.description) } ?? .null),
            ("vni", carrier.networkIdentifier.map { .int(Int($0)) } ?? .null),
            ("packets", .int(carrier.packets)),
        ]
        if let port = carrier.port { members.append(("port", .int(Int(port)))) }
        if carrier.detectedByHeader { members.append(("detectedByHeader", .bool(true))) }
        if carrier.calicoVTEPMACs { members.append(("calicoVTEPMACs", .bool(true))) }
        members.append(("firstSeen", .string(TimestampText.iso8601(carrier.firstSeen))))
        members.append(("lastSeen", .string(TimestampText.iso8601(carrier.lastSeen))))
        members.append(("capturePoints", .array(carrier.capturePoints.map { .int($0) })))
        let sourceNode = carrier.outerSource.flatMap { names?.nodeName(at: $0) }
            ?? carrier.clientSideMAC.flatMap { names?.nodeName(withVTEP: $0) }
        let destinationNode = carrier.outerDestination.flatMap { names?.nodeName(at: $0) }
            ?? carrier.serverSideMAC.flatMap { names?.nodeName(withVTEP: $0) }
        members.append(("sourceNode", sourceNode.map(JSONValue.string) ?? .null))
        members.append(("destinationNode", destinationNode.map(JSONValue.string) ?? .null))
        return .object(members)
    }

    /// With `captureNames`, `seenAt` lists the capture points that saw the flow by name, in
    /// file order (live JSON lines, streamed without the report's captures, leave it out).
    public static func flow(_ flow: AnalyzedFlow, names: ClusterReading? = nil, captureNames: CaptureNames? = nil) -> JSONValue {
        let record = flow.record
        var members: [(String, JSONValue)] = [
            ("protocol", .string(record.key.protocolNumber.name)),
            ("client", endpoint(
                record.client, nodeAddress: flow.verdict.clientNode,
                sideMACs: flow.verdict.carriers.compactMap(\.clientSideMAC), names: names)),
            ("server", endpoint(
                record.server, nodeAddress: flow.verdict.serverNode,
                sideMACs: flow.verdict.carriers.compactMap(\.serverSideMAC), names: names)),
            ("kind", .string(flow.verdict.kind.rawValue)),
            ("mode", .string(flow.verdict.mode.rawValue)),
            ("overlay", flow.verdict.overlay.map { .string($0.rawValue) } ?? .null),
            ("carriers", .array(flow.verdict.carriers.map { carrier($0, names: names) })),
            ("packets", .object([("toServer", .int(record.packetsToServer)), ("toClient", .int(record.packetsToClient))])),
            ("bytes", .object([("toServer", .int(record.bytesToServer)), ("toClient", .int(record.bytesToClient))])),
            ("firstSeen", .string(TimestampText.iso8601(record.firstSeen))),
            ("lastSeen", .string(TimestampText.iso8601(record.lastSeen))),
            ("answered", .bool(record.answered)),
            ("outcome", .string(flow.verdict.outcome.rawValue)),
            ("clientNode", flow.verdict.clientNode.map { .string($0.description) } ?? .null),
            ("serverNode", flow.verdict.serverNode.map { .string($0.description) } ?? .null),
        ]
        if record.key.protocolNumber == .tcp {
            members.append(
                ("tcpFlags", .object([
                    ("fromClient", .string(record.tcpFlagsFromClient.description)),
                    ("fromServer", .string(record.tcpFlagsFromServer.description)),
                ])))
        }
        members.append(("notes", .array(flow.notes.map(JSONValue.string))))
        if let captureNames { members.append(("seenAt", .array(captureNames.seenAt(flow).map(JSONValue.string)))) }
        return .object(members)
    }
}
