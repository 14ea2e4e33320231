import Calico
import Findings
import Flows
import Wire

/// What each tunnel mode costs, measured on the captured outer headers: bytes added per packet
/// and in total, as a share of the pod bytes carried (what Direct would save).
enum OverheadFindings {
    /// A tunnel mode over one address family of the underlay.
    struct ModeKey: Hashable, Comparable {
        var carrier: ObservedCarrier
        var overIPv6: Bool

        var name: String { overIPv6 ? "\(carrier) over IPv6" : carrier.description }

        static func < (lhs: ModeKey, rhs: ModeKey) -> Bool {
            (lhs.carrier.rawValue, lhs.overIPv6 ? 1 : 0) < (rhs.carrier.rawValue, rhs.overIPv6 ? 1 : 0)
        }
    }

    struct Tally {
        var packets = 0
        var added = 0
        var inner = 0
    }

    static func findings(flows: [AnalyzedFlow]) -> [Finding] {
        var tallies: [ModeKey: Tally] = [:]
        // Calico's modes only: another overlay's tunnel is not what a Calico pool setting would save.
        for flow in flows where !flow.verdict.isCarriedByOtherOverlay {
            // Per carrier, the capture point that saw the most of the flow's packets: a packet
            // seen on two nodes' uplinks counts once.
            var best: [ModeKey: CarrierObservation] = [:]
            for observation in flow.record.observations
            where (observation.carrier == .ipInIP || observation.carrier == .vxlan) && observation.innerBytes > 0 {
                let key = ModeKey(carrier: observation.carrier, overIPv6: !(observation.outerLower?.isIPv4 ?? true))
                if let known = best[key], known.packets >= observation.packets { continue }
                best[key] = observation
            }
            for (carrier, observation) in best {
                tallies[carrier, default: Tally()].packets += observation.packets
                tallies[carrier, default: Tally()].added += observation.outerHeaderBytes
                tallies[carrier, default: Tally()].inner += observation.innerBytes
            }
        }
        return tallies.sorted { $0.key < $1.key }.compactMap { key, tally in
            guard tally.packets > 0, tally.inner > 0 else { return nil }
            let perPacket = Double(tally.added) / Double(tally.packets)
            let percent = Double(tally.added) * 100 / Double(tally.inner)
            let perPacketText = perPacket.rounded() == perPacket ? "\(Int(perPacket))" : oneDecimal(perPacket)
            return Finding(
                .encapsulationOverhead, severity: .info, title: "\(key.name) overhead",
                detail: "\(key.name) added \(tally.added) bytes of outer headers to \(tally.inner) bytes of pod packets "
                    + "(\(perPacketText) bytes a packet over \(tally.packets) packet\(tally.packets == 1 ? "" : "s"), \(oneDecimal(percent))%): what "
                    + "Direct would save",
                evidence: [
                    EvidenceItem("mode", .text(key.carrier.description)),
                    EvidenceItem("underlay", .text(key.overIPv6 ? "ipv6" : "ipv4")),
                    EvidenceItem("packets", .integer(tally.packets)),
                    EvidenceItem("innerBytes", .integer(tally.inner)),
                    EvidenceItem("bytesAdded", .integer(tally.added)),
                    EvidenceItem("bytesPerPacket", .text(perPacketText)),
                    EvidenceItem("percent", .text(oneDecimal(percent))),
                ])
        }
    }

    /// `3.4`: one decimal, rounded half up, without Foundation's formatters.
    static func oneDecimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
