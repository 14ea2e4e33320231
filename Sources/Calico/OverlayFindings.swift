import Findings
import Flows
import Wire

/// `not-calico-overlay`: one finding per overlay seen (and per tunnel protocol of it), with the
/// flows it carried and what the packets proved.
enum OverlayFindings {
    struct Group {
        var overlay: Overlay
        var mode: CarrierMode
        var flows: [FlowRecord] = []
        var ports: Set<UInt16> = []
        var identifiers: Set<UInt32> = []
        var endpoints: Set<IPAddress> = []
        var macs: Set<MACAddress> = []
    }

    /// Groups the carriers of other overlays by overlay and tunnel protocol, in a stable order.
    static func groups(_ flows: [AnalyzedFlow]) -> [Group] {
        var groups: [String: Group] = [:]
        for flow in flows {
            var counted = Set<String>()
            for carrier in flow.verdict.carriers {
                guard let overlay = carrier.overlay, overlay != .calico else { continue }
                let key = "\(overlay.rawValue) \(carrier.mode.rawValue)"
                var group = groups[key] ?? Group(overlay: overlay, mode: carrier.mode)
                if counted.insert(key).inserted { group.flows.append(flow.record) }
                if let port = carrier.port { group.ports.insert(port) }
                if let identifier = carrier.networkIdentifier { group.identifiers.insert(identifier) }
                for end in [carrier.outerSource, carrier.outerDestination].compactMap({ $0 }) { group.endpoints.insert(end) }
                for mac in [carrier.clientSideMAC, carrier.serverSideMAC].compactMap({ $0 }) { group.macs.insert(mac) }
                groups[key] = group
            }
        }
        return groups.values.sorted { ($0.overlay, $0.mode) < ($1.overlay, $1.mode) }
    }

    /// What the tunnel is called in sentences: `Flannel VXLAN`, `Cilium Geneve`, `GRE`.
    static func name(_ group: Group) -> String {
        switch (group.overlay, group.mode) {
        case (.flannel, .ipInUDP): "Flannel UDP backend (IP in UDP)"
        case (.flannel, _), (.cilium, _): "\(group.overlay.title) \(protocolName(group.mode))"
        default: group.overlay.title
        }
    }

    static func protocolName(_ mode: CarrierMode) -> String {
        switch mode {
        case .vxlan: "VXLAN"
        case .geneve: "Geneve"
        case .gre: "GRE"
        case .erspan: "ERSPAN"
        case .ipInUDP: "IP in UDP"
        default: mode.rawValue
        }
    }

    /// Why the packets say it is this overlay.
    static func reason(_ group: Group) -> String {
        let ports = group.ports.sorted().map { "UDP \($0)" }
        let identifiers = group.identifiers.sorted().prefix(6).map(String.init)
        let label = group.mode == .gre ? "key" : group.mode == .erspan ? "session" : "VNI"
        var parts = ports
        if !identifiers.isEmpty {
            parts.append("\(label)\(identifiers.count > 1 ? "s" : "") " + identifiers.joined(separator: ", "))
        }
        switch group.overlay {
        case .flannel where group.mode == .vxlan:
            parts.append("VTEP MACs not Calico's")
        case .cilium:
            parts.append("the VNI is the sender's security identity")
        case .calicoEBPFNodePort:
            parts.append("Calico's, but service forwarding, not pod encapsulation")
        case .erspan:
            parts.append("copies made by a mirror session, not the path the traffic took")
        case .vxlan:
            parts.append("neither Calico's VNI nor its VTEP MACs")
        default:
            break
        }
        return parts.isEmpty ? "" : " (" + parts.joined(separator: "; ") + ")"
    }

    static func finding(_ group: Group, poolSetAside: Bool) -> Finding {
        let endpoints = group.endpoints.sorted()
        let between = endpoints.count == 2 ? " between \(endpoints[0]) and \(endpoints[1])" : ""
        let count = group.flows.count
        var detail = "\(count) flow\(count == 1 ? "" : "s") carried by \(name(group))\(reason(group))\(between): "
            + "recognised and named, never counted as a Calico mode"
        if poolSetAside && group.overlay.replacesCalico {
            detail += "; no Calico encapsulation was seen, so the Calico pool is not judged"
        }
        var evidence = [
            EvidenceItem("overlay", .text(group.overlay.rawValue)),
            EvidenceItem("carrier", .text(group.mode.rawValue)),
        ]
        if !group.ports.isEmpty { evidence.append(EvidenceItem("ports", .texts(group.ports.sorted().map(String.init)))) }
        if !group.identifiers.isEmpty {
            evidence.append(EvidenceItem("networkIdentifiers", .texts(group.identifiers.sorted().map(String.init))))
        }
        if !group.macs.isEmpty { evidence.append(EvidenceItem("innerMACs", .texts(group.macs.map(\.description).sorted()))) }
        evidence.append(EvidenceItem("poolJudged", .flag(!(poolSetAside && group.overlay.replacesCalico))))
        return Finding(
            .notCalicoOverlay, severity: .info, title: "\(name(group)) is not Calico's pod encapsulation",
            detail: detail, flows: group.flows.map { FlowReference($0) }, nodes: endpoints.map(\.description),
            evidence: evidence)
    }
}
