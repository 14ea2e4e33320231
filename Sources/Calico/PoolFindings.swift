import Findings

/// What the pool reading tells, as findings.
enum PoolFindings {
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
