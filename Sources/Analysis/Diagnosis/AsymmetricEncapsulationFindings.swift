import Calico
import Findings
import Flows
import Wire

/// Pod flows whose two directions took different carriers (one tunnelled, the other plain, or
/// two tunnels): each node routes by its own view (a CrossSubnet pool whose nodes disagree about
/// their subnets, a node left on an old pool setting), and firewalls or reverse-path filters on
/// the way drop one side.
enum AsymmetricEncapsulationFindings {
    struct PairKey: Hashable {
        var client: String
        var server: String
        var toServer: [CarrierMode]
        var toClient: [CarrierMode]
    }

    static func findings(flows: [AnalyzedFlow], capturePoints: [CapturePoint]) -> [Finding] {
        var groups: [PairKey: [AnalyzedFlow]] = [:]
        var order: [PairKey] = []
        for flow in flows where flow.verdict.kind == .podToPod && flow.verdict.mode != .local {
            guard let (toServer, toClient) = carriers(of: flow.record, capturePoints: capturePoints),
                !toServer.isEmpty, !toClient.isEmpty, toServer.isDisjoint(with: toClient)
            else { continue }
            let key = PairKey(
                client: flow.verdict.clientNode?.description ?? flow.record.client.address.description,
                server: flow.verdict.serverNode?.description ?? flow.record.server.address.description,
                toServer: toServer.sorted(), toClient: toClient.sorted())
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(flow)
        }
        return order.map { key in
            let group = groups[key] ?? []
            let there = key.toServer.map(\.rawValue).joined(separator: "+")
            let back = key.toClient.map(\.rawValue).joined(separator: "+")
            return Finding(
                .asymmetricEncapsulation, severity: .warning, title: "Asymmetric encapsulation",
                detail: "\(group.count) pod flow\(group.count == 1 ? "" : "s") from \(key.client) to \(key.server) went "
                    + "\(there) there and \(back) back: the two nodes disagree about how to reach each other (a "
                    + "CrossSubnet pool with node addresses of different prefix lengths, or a node still on an old pool "
                    + "setting); reverse-path filters and firewalls on the way may drop one direction",
                flows: group.map { FlowReference($0.record) }, nodes: [key.client, key.server],
                evidence: [
                    EvidenceItem("flows", .integer(group.count)),
                    EvidenceItem("toServer", .texts(key.toServer.map(\.rawValue))),
                    EvidenceItem("toClient", .texts(key.toClient.map(\.rawValue))),
                    EvidenceItem("firstSeen", .time(group.map(\.record.firstSeen).min() ?? 0)),
                ])
        }
    }

    /// The carriers each direction was seen with, read by each capture point's role; nil when a
    /// direction was seen only where the carrier cannot be told (workload veths).
    static func carriers(of record: FlowRecord, capturePoints: [CapturePoint]) -> (Set<CarrierMode>, Set<CarrierMode>)? {
        var toServer = Set<CarrierMode>()
        var toClient = Set<CarrierMode>()
        for observation in record.observations {
            guard let mode = mode(of: observation, capturePoints: capturePoints), mode != .unknown else { continue }
            let forwardIsToServer = record.isToServer(.forward)
            if observation.packetsForward > 0 {
                if forwardIsToServer { toServer.insert(mode) } else { toClient.insert(mode) }
            }
            if observation.packetsReverse > 0 {
                if forwardIsToServer { toClient.insert(mode) } else { toServer.insert(mode) }
            }
        }
        return (toServer, toClient)
    }

    static func mode(of observation: CarrierObservation, capturePoints: [CapturePoint]) -> CarrierMode? {
        switch observation.carrier {
        case .plain:
            guard capturePoints.indices.contains(observation.capturePoint) else { return nil }
            return capturePoints[observation.capturePoint].role.plainPacketCarrier
        case .ipInIP: return .ipip
        case .vxlan: return .vxlan
        case .wireguard: return .wireguard
        case .geneve: return .geneve
        case .gre: return .gre
        case .ipInUDP: return .ipInUDP
        // Mirror copies say nothing about the path the flow took.
        case .erspan: return nil
        }
    }
}
