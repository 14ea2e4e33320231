import Findings
import Flows
import Wire

/// Turns a flow's observations into a Calico verdict, reading each observation in the light of
/// the role of the capture point that made it.
public struct FlowClassifier: Sendable {
    public let capturePoints: [CapturePoint]
    public let addresses: AddressPlan
    /// How tunnels are attributed to Calico or to another overlay.
    public let overlayRules: OverlayRules
    /// Capture indices that include an uplink or tunnel device: a flow seen there only on
    /// workload veths stayed on the node.
    let capturesWatchingExits: Set<Int>

    public init(capturePoints: [CapturePoint], addresses: AddressPlan, overlayRules: OverlayRules = OverlayRules()) {
        self.capturePoints = capturePoints
        self.addresses = addresses
        self.overlayRules = overlayRules
        var watching = Set<Int>()
        for point in capturePoints where point.role.watchesNodeExits {
            watching.insert(point.captureIndex)
        }
        capturesWatchingExits = watching
    }

    struct CarrierIdentity: Hashable {
        var mode: CarrierMode
        var outerLower: IPAddress?
        var outerUpper: IPAddress?
        var networkIdentifier: UInt32?
    }

    /// With `deferringRecordFindings`, the findings that follow from the record alone (no reply,
    /// ICMP errors) are left out of the verdict and marked deferred: `AnalyzedFlow.findings`
    /// builds them again when a report asks, so that a million unanswered flows do not each hold
    /// a finding in memory until the report is written.
    public func verdict(for flow: FlowRecord, deferringRecordFindings: Bool = false) -> FlowVerdict {
        var groups: [CarrierIdentity: [CarrierObservation]] = [:]
        var workloadCaptures = Set<Int>()
        var workloadPoints = Set<Int>()
        var sawLoopback = false
        for observation in flow.observations {
            let role = role(of: observation.capturePoint)
            let mode: CarrierMode
            switch observation.carrier {
            case .plain:
                if let carrier = role.plainPacketCarrier {
                    mode = carrier
                } else if role == .loopback {
                    sawLoopback = true
                    continue
                } else {
                    workloadPoints.insert(observation.capturePoint)
                    workloadCaptures.insert(captureIndex(of: observation.capturePoint))
                    continue
                }
            case .ipInIP: mode = .ipip
            case .vxlan: mode = .vxlan
            case .wireguard: mode = .wireguard
            case .geneve: mode = .geneve
            case .gre: mode = .gre
            case .ipInUDP: mode = .ipInUDP
            case .erspan: mode = .erspan
            }
            let identity = CarrierIdentity(
                mode: mode, outerLower: observation.outerLower, outerUpper: observation.outerUpper,
                networkIdentifier: observation.carrier == .plain ? nil : observation.networkIdentifier)
            groups[identity, default: []].append(observation)
        }
        var carriers = groups.map { resolve($0.key, $0.value, flow: flow) }
        carriers = foldUnknownOuters(carriers)
        let senderVNIs = Self.modesWithSenderVNIs(flow.observations)
        for index in carriers.indices {
            carriers[index].overlay = overlayRules.overlay(
                of: carriers[index], vniFollowsSender: senderVNIs.contains(carriers[index].mode))
        }
        // Ties (the same packets in two VXLAN networks, say) are broken by what tells the
        // carriers apart, so that the order never depends on hashing.
        carriers.sort { lhs, rhs in
            if (lhs.firstSeen, lhs.mode, lhs.packets) != (rhs.firstSeen, rhs.mode, rhs.packets) {
                return (lhs.firstSeen, lhs.mode, lhs.packets) < (rhs.firstSeen, rhs.mode, rhs.packets)
            }
            let left = (lhs.networkIdentifier ?? 0, lhs.outerSource?.description ?? "", lhs.outerDestination?.description ?? "")
            let right = (rhs.networkIdentifier ?? 0, rhs.outerSource?.description ?? "", rhs.outerDestination?.description ?? "")
            return left < right
        }

        let clientIsPod = addresses.isPod(flow.client.address)
        let serverIsPod = addresses.isPod(flow.server.address)
        let kind = FlowKind(clientIsPod: clientIsPod, serverIsPod: serverIsPod)
        var findings: [Finding] = []

        // Other overlays' carriers give the mode only when nothing of Calico's (or direct) carried
        // the flow: a flow seen direct and in someone's VXLAN is direct.
        let calicoCarriers = carriers.filter { $0.overlay == nil || $0.overlay == .calico }
        let modeCarriers = calicoCarriers.contains { $0.mode.flowMode != .unknown } ? calicoCarriers : carriers
        let modes = Set(modeCarriers.map(\.mode.flowMode)).subtracting([.unknown])
        let mode: CalicoMode
        if modes.count == 1, let only = modes.first {
            mode = only
        } else if modes.count > 1 {
            mode = .mixed
            let described = modeCarriers.filter { $0.mode.flowMode != .unknown }.map { $0.mode.rawValue }
            findings.append(FlowFindings.severalModes(flow, modes: Array(Set(described)).sorted()))
        } else if !carriers.isEmpty {
            mode = .unknown
            findings.append(FlowFindings.notCalicoCarrier(flow, carriers: Set(carriers.map(\.mode.rawValue)).sorted()))
        } else if sawLoopback {
            mode = .local
        } else if workloadPoints.count >= 2 || !workloadCaptures.isDisjoint(with: capturesWatchingExits) {
            mode = .local
        } else {
            mode = .unknown
            if !workloadPoints.isEmpty {
                findings.append(FlowFindings.seenOnlyOnWorkloadVeth(flow))
            }
        }
        if !deferringRecordFindings {
            findings += FlowFindings.ofRecord(flow, mode: mode)
        }
        return FlowVerdict(
            mode: mode, kind: kind, outcome: FlowOutcome(flow), carriers: carriers,
            clientNode: nodeOf(flow.client.address, carriers: carriers, clientSide: true),
            serverNode: nodeOf(flow.server.address, carriers: carriers, clientSide: false),
            findings: findings, recordFindingsDeferred: deferringRecordFindings)
    }

    /// The tunnel modes (VXLAN, Geneve) whose VNIs follow the sender: one set of VNIs in the
    /// flow's forward packets, a disjoint set in its reverse packets, all of them in Cilium's
    /// identity ranges (Cilium puts the source's security identity there; an overlay network
    /// keeps one VNI both ways).
    static func modesWithSenderVNIs(_ observations: [CarrierObservation]) -> Set<CarrierMode> {
        var result = Set<CarrierMode>()
        for (carrier, mode) in [(ObservedCarrier.vxlan, CarrierMode.vxlan), (.geneve, .geneve)] {
            var forward = Set<UInt32>()
            var reverse = Set<UInt32>()
            for observation in observations where observation.carrier == carrier {
                guard let vni = observation.networkIdentifier else { continue }
                if observation.packetsForward > 0 { forward.insert(vni) }
                if observation.packetsReverse > 0 { reverse.insert(vni) }
            }
            if !forward.isEmpty, !reverse.isEmpty, forward.isDisjoint(with: reverse),
                forward.union(reverse).allSatisfy(OverlayRules.isCiliumIdentity)
            {
                result.insert(mode)
            }
        }
        return result
    }

    func role(of point: Int) -> CapturePointRole {
        capturePoints.indices.contains(point) ? capturePoints[point].role : .unknown
    }

    func captureIndex(of point: Int) -> Int {
        capturePoints.indices.contains(point) ? capturePoints[point].captureIndex : -1
    }

    /// The node of an endpoint: the tunnel end on its side, else its pod block's node.
    func nodeOf(_ address: IPAddress, carriers: [ResolvedCarrier], clientSide: Bool) -> IPAddress? {
        if let tunnel = carriers.first(where: { $0.mode.isEncapsulation && $0.outerSource != nil }) {
            return clientSide ? tunnel.outerSource : tunnel.outerDestination
        }
        return addresses.isPod(address) ? addresses.node(ofPod: address) : nil
    }

    func resolve(_ identity: CarrierIdentity, _ observations: [CarrierObservation], flow: FlowRecord) -> ResolvedCarrier {
        var perPoint: [Int: Int] = [:]
        var first = Int64.max
        var last = Int64.min
        var forwardOuterSource: IPAddress?
        var port: UInt16?
        var detected = false
        var vtep = false
        var lowerMAC: MACAddress?
        var upperMAC: MACAddress?
        for observation in observations {
            perPoint[observation.capturePoint, default: 0] += observation.packets
            first = min(first, observation.firstSeen)
            last = max(last, observation.lastSeen)
            forwardOuterSource = forwardOuterSource ?? observation.forwardOuterSource
            if observation.tunnelPort != 0 { port = observation.tunnelPort }
            detected = detected || observation.detectedByHeader
            vtep = vtep || MACAddress.eitherIsCalicoVTEP(observation.innerSourceMAC, observation.innerDestinationMAC)
            if lowerMAC == nil && upperMAC == nil { (lowerMAC, upperMAC) = (observation.lowerEndMAC, observation.upperEndMAC) }
        }
        var outerSource: IPAddress?
        var outerDestination: IPAddress?
        if let lower = identity.outerLower, let upper = identity.outerUpper {
            let forwardSource = forwardOuterSource ?? lower
            let forwardDestination = forwardSource == lower ? upper : lower
            if flow.clientIsLower {
                outerSource = forwardSource
                outerDestination = forwardDestination
            } else {
                outerSource = forwardDestination
                outerDestination = forwardSource
            }
        }
        return ResolvedCarrier(
            mode: identity.mode, outerSource: outerSource, outerDestination: outerDestination,
            networkIdentifier: identity.networkIdentifier,
            port: [.vxlan, .geneve, .wireguard, .ipInUDP].contains(identity.mode) ? port : nil,
            packets: perPoint.values.max() ?? 0, firstSeen: first, lastSeen: last,
            capturePoints: perPoint.keys.sorted(), detectedByHeader: detected, calicoVTEPMACs: vtep,
            clientSideMAC: flow.clientIsLower ? lowerMAC : upperMAC, serverSideMAC: flow.clientIsLower ? upperMAC : lowerMAC)
    }

    /// A tunnel device shows the same packets as the uplink without their outer header: when the
    /// uplink names exactly one tunnel of that mode, the device's sighting is folded into it.
    func foldUnknownOuters(_ carriers: [ResolvedCarrier]) -> [ResolvedCarrier] {
        var result = carriers.filter { $0.outerSource != nil || $0.mode == .direct || $0.mode == .unknown }
        for carrier in carriers where carrier.outerSource == nil && carrier.mode != .direct && carrier.mode != .unknown {
            let known = result.indices.filter { result[$0].mode == carrier.mode && result[$0].outerSource != nil }
            if known.count == 1, let index = known.first {
                result[index].packets = max(result[index].packets, carrier.packets)
                result[index].firstSeen = min(result[index].firstSeen, carrier.firstSeen)
                result[index].lastSeen = max(result[index].lastSeen, carrier.lastSeen)
                result[index].capturePoints = Array(Set(result[index].capturePoints + carrier.capturePoints)).sorted()
                result[index].calicoVTEPMACs = result[index].calicoVTEPMACs || carrier.calicoVTEPMACs
                if result[index].clientSideMAC == nil && result[index].serverSideMAC == nil {
                    result[index].clientSideMAC = carrier.clientSideMAC
                    result[index].serverSideMAC = carrier.serverSideMAC
                }
            } else {
                result.append(carrier)
            }
        }
        return result
    }
}
