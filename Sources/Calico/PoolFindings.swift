import Findings

/// What the pool reading tells, as findings.
enum PoolFindings {
    /// Pod flows there were, but only under an assumed default pool: no verdict.
    static func podsOnlyAssumed(flows: Int) -> Finding {
        Finding(
            .noInterNodePodFlow, severity: .info, title: "No pod address proved",
            detail: "nothing in the capture proved a pod address: the \(flows) flows between addresses of the assumed default pool "
                + "are not enough for a pool verdict (give --pod-cidr to judge them)",
            evidence: [EvidenceItem("assumedPodFlows", .integer(flows))])
    }

    /// What the verdict rests on: the inter-node pod flows, their node pairs by subnet, and
    /// where the pod addresses came from.
    static func basis(flows: Int, pairs: [NodePairSummary], addresses: AddressPlan?) -> Finding {
        let within = pairs.filter { $0.sameSubnet == true }.count
        let across = pairs.filter { $0.sameSubnet == false }.count
        let unknown = pairs.count - within - across
        var parts = ["\(within) within one subnet", "\(across) across subnets"]
        if unknown > 0 { parts.append("\(unknown) whose subnets the capture does not show") }
        let pairText = pairs.count == 1 ? "1 node pair" : "\(pairs.count) node pairs"
        var detail = "the verdict rests on \(flows) pod-to-pod \(flows == 1 ? "flow" : "flows") between nodes"
        detail += pairs.isEmpty ? " whose nodes the capture does not show" : ", \(pairText) (\(parts.joined(separator: ", ")))"
        switch addresses?.source {
        case .given?: detail += "; pods from the given pod networks"
        case .inferred?: detail += "; pods in \(addresses?.inferredPool?.description ?? "a pool") inferred from the packets"
        case .learned?, .learnedAndAssumed?: detail += "; pods learned from the packets"
        case .assumed?, .none?, nil: break
        }
        return Finding(
            .verdictBasis, severity: .info, title: "What the pool verdict rests on", detail: detail,
            evidence: [
                EvidenceItem("flows", .integer(flows)), EvidenceItem("nodePairs", .integer(pairs.count)),
                EvidenceItem("sameSubnetPairs", .integer(within)), EvidenceItem("crossSubnetPairs", .integer(across)),
            ])
    }

    static func note(_ code: FindingCode) -> Finding {
        let (title, detail): (String, String)
        switch code {
        case .wireGuardBetweenNodes:
            (title, detail) = ("WireGuard between nodes", "WireGuard between nodes hides the pod flows and the overlay mode")
        case .noInterNodePodFlow:
            (title, detail) = ("No pod flow between nodes", "no pod-to-pod flow between nodes in the capture")
        case .wireGuardHidesMode:
            (title, detail) = ("WireGuard hides the overlay mode", "WireGuard hides the overlay mode")
        case .mixedEncapsulation:
            (title, detail) = (
                "Several carriers",
                "flows changed carrier during the capture, or several encapsulations are in use"
            )
        case .noSubnetBoundary:
            (title, detail) = (
                "No subnet boundary separates direct from encapsulated pairs",
                "direct and encapsulated node pairs are not separated by any subnet boundary"
            )
        case .directPairNodesUnknown:
            (title, detail) = (
                "Node addresses of the direct pairs unknown",
                "direct and encapsulated flows both seen; node addresses of the direct pairs are not in the capture"
            )
        case .tunnelDeviceOnly:
            (title, detail) = (
                "Only tunnel devices captured",
                "a tunnel device shows only encapsulated traffic: Always and CrossSubnet look alike here"
            )
        case .alwaysOrCrossSubnet:
            (title, detail) = (
                "Always or CrossSubnet",
                "no node pair was seen tunnelling within one subnet: Always and CrossSubnet look alike here; "
                    + "a capture on two nodes of one subnet would decide"
            )
        case .neverOrCrossSubnet:
            (title, detail) = (
                "Never or CrossSubnet",
                "no direct node pair was seen across subnets: Never and CrossSubnet look alike here; "
                    + "a capture on nodes of two subnets would decide"
            )
        default:
            (title, detail) = (code.rawValue, code.rawValue)
        }
        return Finding(code, severity: .info, title: title, detail: detail)
    }
}
