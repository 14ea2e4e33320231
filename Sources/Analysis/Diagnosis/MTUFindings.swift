import Calico
import Findings
import Flows
import Wire

/// MTU trouble: routers or nodes that announced a smaller MTU (ICMP "fragmentation needed",
/// ICMPv6 "packet too big") for a tunnel or pod packet; TCP flows whose full-size segments were
/// sent again and again and never acknowledged while small ones passed (the ICMP never reached
/// the sender: a black hole); and packets above the MTU on a node's own capture, which are the
/// segmentation and receive offloads' super-frames and never blamed.
enum MTUFindings {
    /// Below this, a segment fits every IPv4 path (576-byte minimum MTU less 40 bytes of headers).
    static let smallestFullSizeSegment = 536
    /// A stall counts once its segments were sent again this many times, unacknowledged.
    static let stallRetransmissions = 2

    struct AnnouncementKey: Hashable {
        var reporter: IPAddress
        var mtu: Int
        var tunnel: EncapsulationKind?
    }

    /// One finding per (reporter, announced MTU, quoted tunnel).
    static func fragmentationNeeded(flows: [AnalyzedFlow]) -> [Finding] {
        var groups: [AnnouncementKey: (notes: [ICMPErrorNote], flows: [AnalyzedFlow])] = [:]
        var order: [AnnouncementKey] = []
        for flow in flows {
            for note in flow.record.icmpErrors {
                guard let mtu = note.announcedMTU else { continue }
                let key = AnnouncementKey(reporter: note.reporter, mtu: mtu, tunnel: note.quotedTunnel)
                if groups[key] == nil { order.append(key) }
                groups[key, default: ([], [])].notes.append(note)
                if groups[key]?.flows.last?.record.key != flow.record.key { groups[key]?.flows.append(flow) }
            }
        }
        return order.compactMap { key in
            guard let group = groups[key] else { return nil }
            let count = group.notes.reduce(0) { $0 + $1.count }
            let largest = group.notes.map(\.quotedLength).max() ?? 0
            let recipients = Set(group.notes.compactMap(\.recipient)).sorted()
            let firstSeen = group.notes.map(\.firstSeen).min() ?? 0
            let lastSeen = group.notes.map { max($0.lastSeen, $0.firstSeen) }.max() ?? firstSeen
            let what: String
            let advice: String
            if let tunnel = key.tunnel {
                let overhead = tunnelOverhead(tunnel, version6: !key.reporter.isIPv4)
                what = "\(tunnel) packet\(count == 1 ? "" : "s") of up to \(largest) bytes from \(recipients.map(\.description).joined(separator: ", "))"
                advice = "the underlay's MTU is smaller than the pods' MTU plus the \(tunnel) overhead: set Calico's MTU "
                    + "(veth_mtu / FelixConfiguration mtu) to at most \(max(0, key.mtu - overhead)) "
                    + "(\(key.mtu) less \(overhead) bytes of \(tunnel) headers)"
            } else {
                what = "pod packet\(count == 1 ? "" : "s") of up to \(largest) bytes"
                advice = "path MTU discovery is working when the sender resends smaller; if the flow still stalls, "
                    + "lower the pods' MTU to \(key.mtu)"
            }
            var evidence = [
                EvidenceItem("mtu", .integer(key.mtu)),
                EvidenceItem("reporter", .text(key.reporter.description)),
                EvidenceItem("quotedLength", .integer(largest)),
                EvidenceItem("messages", .integer(count)),
                EvidenceItem("firstSeen", .time(firstSeen)),
                EvidenceItem("lastSeen", .time(lastSeen)),
            ]
            evidence.append(EvidenceItem("quotedTunnel", .text(key.tunnel?.description ?? "none")))
            let name = !key.reporter.isIPv4 ? "packet too big" : "fragmentation needed"
            return Finding(
                .mtuFragmentationNeeded, severity: .warning, title: "MTU too large for the path",
                detail: "\(key.reporter) answered \(count) \(what) with \"\(name)\", announcing MTU \(key.mtu): \(advice)",
                flows: group.flows.map { FlowReference($0.record) },
                nodes: ([key.reporter] + recipients).map(\.description), evidence: evidence)
        }
    }

    /// Bytes a tunnel adds around the inner packet: IP-in-IP an outer IP header; VXLAN outer IP,
    /// UDP, VXLAN and inner Ethernet headers.
    static func tunnelOverhead(_ tunnel: EncapsulationKind, version6: Bool) -> Int {
        let ip = version6 ? 40 : 20
        switch tunnel {
        case .ipInIP: return ip
        case .vxlan: return ip + 8 + 8 + 14
        case .geneve: return ip + 8 + 8 + 14
        case .gre: return ip + 4
        case .ipInUDP: return ip + 8
        case .erspan: return ip + 4 + 8 + 14
        }
    }

    /// TCP flows whose full-size segments stalled: sent again at least twice, never acknowledged,
    /// larger than any segment of theirs that got through, while data did pass in the flow.
    static func blackholes(flows: [AnalyzedFlow]) -> [Finding] {
        var findings: [Finding] = []
        for flow in flows where flow.record.key.protocolNumber == .tcp {
            let record = flow.record
            for (sender, peer, fromClient) in [
                (record.segmentsFromClient, record.segmentsFromServer, true),
                (record.segmentsFromServer, record.segmentsFromClient, false),
            ] {
                guard sender.isStalled(acknowledgedBy: peer), sender.stallRetransmissions >= stallRetransmissions,
                    sender.stallSegment >= smallestFullSizeSegment, sender.stallSegment > sender.largestDelivered
                else { continue }
                let delivered = sender.deliveredBytes(acknowledgedBy: peer)
                let deliveredBack = peer.deliveredBytes(acknowledgedBy: sender)
                guard delivered > 0 || deliveredBack > 0 else { continue }
                let from = fromClient ? record.client : record.server
                let to = fromClient ? record.server : record.client
                let passed = sender.largestDelivered > 0
                    ? "segments of up to \(sender.largestDelivered) bytes got through" : "smaller data got through"
                findings.append(
                    Finding(
                        .mtuBlackhole, severity: .error, title: "MTU black hole",
                        detail: "tcp \(from) > \(to): segments of \(sender.stallSegment) bytes were sent again "
                            + "\(sender.stallRetransmissions) times and never acknowledged while \(passed) "
                            + "(\(delivered) bytes acknowledged this way, \(deliveredBack) the other): a hop drops "
                            + "packets above its MTU and its ICMP \"fragmentation needed\" never reaches the sender "
                            + "(filtered); lower the pods' MTU or let the ICMP through",
                        flows: [FlowReference(record)],
                        nodes: [flow.verdict.clientNode, flow.verdict.serverNode].compactMap { $0?.description },
                        evidence: [
                            EvidenceItem("direction", .text(fromClient ? "toServer" : "toClient")),
                            EvidenceItem("segmentSize", .integer(sender.stallSegment)),
                            EvidenceItem("retransmissions", .integer(sender.stallRetransmissions)),
                            EvidenceItem("largestDelivered", .integer(sender.largestDelivered)),
                            EvidenceItem("largestSent", .integer(sender.largestSegment)),
                            EvidenceItem("bytesAcknowledged", .integer(delivered)),
                            EvidenceItem("bytesAcknowledgedBack", .integer(deliveredBack)),
                            EvidenceItem("firstRetransmission", .time(sender.stallFirst)),
                            EvidenceItem("lastRetransmission", .time(sender.stallLast)),
                        ]))
            }
        }
        return findings
    }

    /// Packets above the Ethernet MTU in the captures: GSO/TSO super-frames on the sender's own
    /// capture (or GRO's on the receiver's), which the NIC or the stack splits or merged: normal.
    static func superFrames(flows: [AnalyzedFlow], capturePoints: [CapturePoint], captures: [CaptureSummary])
        -> Finding?
    {
        var count = 0
        var largest = 0
        var points = Set<Int>()
        var flowCount = 0
        for flow in flows {
            var seen = false
            for observation in flow.record.observations where observation.superFrames > 0 {
                count += observation.superFrames
                largest = max(largest, observation.largestOuterLength)
                points.insert(observation.capturePoint)
                seen = true
            }
            if seen { flowCount += 1 }
        }
        guard count > 0 else { return nil }
        let names = points.sorted().map { UnansweredFlowFindings.pointName($0, capturePoints: capturePoints, captures: captures) }
        return Finding(
            .offloadSuperFrames, severity: .info, title: "Offload super-frames (normal)",
            detail: "\(count) packet\(count == 1 ? "" : "s") above \(CarrierObservation.ethernetMTU) bytes (largest "
                + "\(largest)) in \(flowCount) flow\(flowCount == 1 ? "" : "s") at \(names.joined(separator: ", ")): "
                + "segmentation offload (GSO/TSO) on the sender's capture, or receive offload (GRO) on the receiver's; "
                + "the NIC or the stack splits or merged them, so they are not an MTU problem",
            capturePoints: points.sorted(),
            evidence: [
                EvidenceItem("packets", .integer(count)), EvidenceItem("largest", .integer(largest)),
                EvidenceItem("flows", .integer(flowCount)), EvidenceItem("capturePoints", .texts(names)),
            ])
    }
}
