import Findings

extension PoolAssessment {
    /// Marks each node pair as in one subnet or across, as far as the capture shows: two nodes
    /// that both spoke ARP at one uplink share a segment; a pair whose addresses share fewer
    /// leading bits than any such pair is taken as across a subnet boundary.
    static func judgeSubnets(_ pairs: inout [NodePairSummary], addresses: AddressPlan?) {
        guard let addresses else { return }
        for index in pairs.indices {
            pairs[index].sameSubnet = addresses.shareSubnet(pairs[index].lower, pairs[index].upper)
        }
        guard let shortestShared = pairs.filter({ $0.sameSubnet == true }).map(\.commonPrefixLength).min() else {
            return
        }
        for index in pairs.indices where pairs[index].sameSubnet == nil
            && pairs[index].commonPrefixLength < shortestShared
        {
            pairs[index].sameSubnet = false
        }
    }

    /// Whether the capture can tell the behaviour from its look-alike, the behaviours still
    /// possible, and the pool's modes as far as they follow. `Always` needs a pair tunnelling
    /// within one subnet (else CrossSubnet would look the same); `Never` a direct pair across
    /// subnets (else CrossSubnet would look the same).
    mutating func judgeCertainty(onlyTunnelDevices: Bool) {
        let encapsulation = self.encapsulation == .vxlan ? CalicoMode.vxlan : .ipip
        switch behaviour {
        case .always:
            if nodePairs.contains(where: { $0.isEncapsulated && $0.sameSubnet == true }) {
                setModes(encapsulation, .always)
            } else {
                possibleBehaviours = [.always, .crossSubnet]
                setModes(encapsulation, nil)
                if !onlyTunnelDevices { findings.append(PoolFindings.note(.alwaysOrCrossSubnet)) }
            }
        case .never:
            if nodePairs.contains(where: { $0.isDirect && $0.sameSubnet == false }) {
                (ipipMode, vxlanMode) = (.never, .never)
            } else {
                possibleBehaviours = [.never, .crossSubnet]
                (ipipMode, vxlanMode) = (nil, nil)
                findings.append(PoolFindings.note(.neverOrCrossSubnet))
            }
        case .crossSubnet:
            setModes(encapsulation, .crossSubnet)
        case .wireguard, .mixed, .unknown:
            (ipipMode, vxlanMode) = (nil, nil)
        }
    }

    /// One encapsulation's mode (nil: cannot tell); a pool uses one encapsulation, so the other is Never.
    private mutating func setModes(_ encapsulation: CalicoMode, _ mode: PoolEncapsulationMode?) {
        if encapsulation == .vxlan {
            (ipipMode, vxlanMode) = (.never, mode)
        } else {
            (ipipMode, vxlanMode) = (mode, .never)
        }
    }
}
