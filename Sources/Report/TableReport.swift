import Analysis
import Calico
import Findings
import Flows
import Wire

/// The human report: captures, a table of flows with their mode and underlay path, a summary.
public enum TableReport {
    /// With cluster files, pods and nodes are named (`default/w1-p0:10002 (w1)`, tunnels as
    /// `w1 > w0`); `numeric` keeps addresses, as tcpdump's `-n` does.
    /// The outcome, with the first ICMP error's type/code when unreachable: `unreachable (3/3)`.
    static func outcomeText(_ flow: AnalyzedFlow) -> String {
        let outcome = flow.verdict.outcome
        guard outcome == .unreachable, let error = flow.record.icmpErrors.first else { return outcome.rawValue }
        return "\(outcome.rawValue) (\(error.type)/\(error.code))"
    }

    public static func render(_ result: AnalysisResult, numeric: Bool = false) -> String {
        let names = numeric ? nil : result.cluster
        let captureNames = CaptureNames(result)
        var output = ""
        output += "Captures\n"
        var captures = TextTable(header: ["SOURCE", "LINK", "INTERFACE", "PACKETS"])
        for (index, capture) in result.captures.enumerated() {
            var interface = capture.interface ?? "?"
            if capture.interfaceAssumed { interface += " (assumed)" }
            captures.append([TerminalText.safe(captureNames.captureNames[index]), capture.linkType.name, TerminalText.safe(interface), String(capture.packets)])
        }
        output += captures.render(indent: "  ")
        for (index, capture) in result.captures.enumerated() where capture.interfaceAssumed {
            if let reason = capture.interfaceReason {
                output += "  \(TerminalText.safe(captureNames.captureNames[index])): \(capture.interface ?? "?") assumed: \(reason)\n"
            }
            if capture.linkType.isCooked {
                for id in capture.capturePoints where result.capturePoints.indices.contains(id) {
                    let point = result.capturePoints[id]
                    let index = point.cookedInterfaceIndex.map { "ifindex \($0)" } ?? "hatype \(point.cookedAddressType ?? 0)"
                    output += "    \(index): \(point.role.typicalDevice) (\(point.roleReason)), \(point.statistics.packets) packets\n"
                }
            }
        }
        output += "\nFlows\n"
        // The capture points each flow was seen at, when there are several to tell apart.
        let showsSeenAt = result.capturePoints.count > 1
        var header = ["PROTO", "CLIENT", "SERVER", "KIND", "MODE", "PATH", "PKTS >/<", "BYTES >/<", "ANSWERED", "OUTCOME"]
        if showsSeenAt { header.append("SEEN AT") }
        var flows = TextTable(header: header)
        let answered = result.flows.filter(\.record.answered)
        for flow in answered {
            let record = flow.record
            var row = [
                record.key.protocolNumber.name,
                endName(record.client, nodeAddress: flow.verdict.clientNode,
                        sideMACs: flow.verdict.carriers.compactMap(\.clientSideMAC), names: names),
                endName(record.server, nodeAddress: flow.verdict.serverNode,
                        sideMACs: flow.verdict.carriers.compactMap(\.serverSideMAC), names: names),
                flow.verdict.kind.rawValue,
                modeText(flow.verdict),
                path(flow.verdict, names: names),
                "\(record.packetsToServer)/\(record.packetsToClient)",
                "\(record.bytesToServer)/\(record.bytesToClient)",
                record.answered ? "yes" : "no",
                outcomeText(flow),
            ]
            if showsSeenAt { row.append(TerminalText.safe(captureNames.seenAtText(flow))) }
            flows.append(row)
        }
        if result.flows.isEmpty {
            output += "  (none)\n"
        } else if answered.isEmpty {
            output += "  (none answered)\n"
        } else {
            output += flows.render(indent: "  ")
        }
        output += UnansweredFlowGroups(result, names: names, captureNames: captureNames).render()
        // "No reply" is what the unanswered section says, by group; other remarks stay per flow.
        let noted: [(AnalyzedFlow, [String])] = result.flows.compactMap { flow in
            let notes = flow.findings.filter { $0.code != .noReply }.map(\.detail)
            return notes.isEmpty ? nil : (flow, notes)
        }
        if !noted.isEmpty {
            output += "\nNotes\n"
            for (flow, notes) in noted.prefix(50) {
                let record = flow.record
                output += "  \(record.key.protocolNumber.name) \(record.client) > \(record.server): \(notes.joined(separator: "; "))\n"
            }
            if noted.count > 50 { output += "  … and \(noted.count - 50) more (see --format json)\n" }
        }
        let findings = FindingJSON.reportFindings(result).filter { $0.severity >= .warning && !$0.makesReportPartial }
        if !findings.isEmpty {
            output += "\nFindings\n"
            for finding in findings {
                output += "  \(finding.severity.rawValue.uppercased()) \(finding.id): \(TerminalText.safe(finding.detail))\n"
            }
        }
        output += "\nSummary\n"
        output += "  packets: \(result.packets)"
        var details: [String] = []
        if result.nonIPPackets > 0 { details.append("\(result.nonIPPackets) not IP") }
        if result.linkControlPackets > 0 { details.append("\(result.linkControlPackets) IPv6 neighbour discovery") }
        if result.duplicatePackets > 0 { details.append("\(result.duplicatePackets) seen again at another capture point") }
        if result.truncatedPackets > 0 { details.append("\(result.truncatedPackets) cut by the snapshot length") }
        if result.filteredPackets > 0 { details.append("\(result.filteredPackets) filtered out") }
        output += details.isEmpty ? "\n" : " (\(details.joined(separator: ", ")))\n"
        output += "  flows: \(result.flows.count)"
        if result.evictedFlows > 0 { output += " (+\(result.evictedFlows) evicted at --max-flows)" }
        output += "\n"
        output += "  modes: \(list(result.modeCounts.map { ($0.key.rawValue, $0.value) }))\n"
        output += "  kinds: \(list(result.kindCounts.map { ($0.key.rawValue, $0.value) }))\n"
        output += podFlowsLine(result.flows)
        var poolLine = "  pool: " + (result.pool.possibleBehaviours.isEmpty
            ? result.pool.behaviour.rawValue
            : result.pool.possibleBehaviours.map(\.rawValue).joined(separator: " or "))
        if let encapsulation = result.pool.encapsulation { poolLine += " (\(encapsulation.rawValue))" }
        if let range = result.pool.subnetPrefixLengths {
            poolLine += range.lowerBound == range.upperBound
                ? ", node subnets /\(range.lowerBound)" : ", node subnets between /\(range.lowerBound) and /\(range.upperBound)"
        }
        output += poolLine + "\n"
        for note in result.pool.notes { output += "    \(note)\n" }
        for (index, pair) in result.pool.nodePairs.enumerated() {
            let subnet = pair.sameSubnet.map { $0 ? " (same subnet)" : " (across subnets)" } ?? ""
            let expectation = names.flatMap { $0.pairs.indices.contains(index) ? $0.pairs[index] : nil }
            let lower = expectation?.lowerNode.map(TerminalText.safe) ?? pair.lower.description
            let upper = expectation?.upperNode.map(TerminalText.safe) ?? pair.upper.description
            output += "    \(lower) <> \(upper)\(subnet): \(list(pair.modes.map { ($0.key.rawValue, $0.value) }))"
            output += expectation.map(ClusterTable.expectation) ?? ""
            output += "\n"
        }
        if let cluster = result.cluster { output += ClusterTable.configured(cluster) }
        output += "  pod networks: \(PodNetworkText.line(result.addresses))\n"
        output += "  anomalies: \(result.anomalies.isEmpty ? "none" : list(result.anomalies.map { ($0.key, $0.value) }))\n"
        for notice in result.notices {
            output += "  note: \(TerminalText.safe(notice))\n"
        }
        for warning in result.warnings {
            output += "  warning: \(TerminalText.safe(warning))\n"
        }
        return output
    }

    /// `pod flows: 40 answered, 8 unanswered` over flows with a pod on some side, with the
    /// pod-to-pod share when other pod flows exist; nothing when no flow has a pod.
    static func podFlowsLine(_ flows: [AnalyzedFlow]) -> String {
        let pod = flows.filter { $0.verdict.kind != .hostToHost }
        guard !pod.isEmpty else { return "" }
        func counts(_ flows: [AnalyzedFlow]) -> String {
            let answered = flows.filter(\.record.answered).count
            return "\(answered) answered, \(flows.count - answered) unanswered"
        }
        let podToPod = pod.filter { $0.verdict.kind == .podToPod }
        var line = "  pod flows: \(counts(pod))"
        if podToPod.count != pod.count && !podToPod.isEmpty { line += " (pod-to-pod: \(counts(podToPod)))" }
        return line + "\n"
    }

    static func list(_ pairs: [(String, Int)]) -> String {
        if pairs.isEmpty { return "none" }
        return pairs.sorted { ($1.1, $0.0) < ($0.1, $1.0) }.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
    }

    /// The underlay path: tunnel endpoints, "direct", "same node", or what the capture point implies.
    /// `namespace/pod:port (node)` where the files name them, else the address and port.
    static func endName(_ end: Endpoint, nodeAddress: IPAddress?, sideMACs: [MACAddress], names: ClusterReading?) -> String {
        guard let names else { return end.description }
        let node = names.nodeName(ofEnd: end.address, nodeAddress: nodeAddress, sideMACs: sideMACs)
        let pod = names.podName(at: end.address)
        let text = pod.map { "\($0):\(end.port)" } ?? end.description
        return TerminalText.safe(node.map { text + " (\($0))" } ?? text)
    }

    /// The mode, with the overlay's name when it is not Calico's: `vxlan (flannel)`, `unknown (gre)`.
    static func modeText(_ verdict: FlowVerdict) -> String {
        guard let overlay = verdict.overlay, overlay != .calico else { return verdict.mode.rawValue }
        return "\(verdict.mode.rawValue) (\(overlay.rawValue))"
    }

    static func path(_ verdict: FlowVerdict, names: ClusterReading? = nil) -> String {
        switch verdict.mode {
        case .local:
            return "same node"
        case .direct:
            return "direct"
        default:
            break
        }
        var parts: [String] = []
        for carrier in verdict.carriers {
            if let source = carrier.outerSource, let destination = carrier.outerDestination {
                let sourceName = names?.nodeName(at: source).map(TerminalText.safe) ?? source.description
                let destinationName = names?.nodeName(at: destination).map(TerminalText.safe) ?? destination.description
                var text = "\(sourceName) > \(destinationName)"
                if verdict.mode == .mixed || carrier.mode != verdict.mode.carrier { text = "\(carrier.mode.rawValue) " + text }
                parts.append(text)
            } else {
                switch carrier.mode {
                case .ipip: parts.append("via tunl0")
                case .vxlan: parts.append("via vxlan.calico")
                case .wireguard: parts.append("via wireguard.cali")
                case .direct: parts.append("direct")
                default: parts.append(carrier.mode.rawValue)
                }
            }
        }
        return parts.isEmpty ? "-" : Array(Set(parts)).sorted().joined(separator: ", ")
    }
}

extension CalicoMode {
    var carrier: CarrierMode? { CarrierMode(rawValue: rawValue) }
}
