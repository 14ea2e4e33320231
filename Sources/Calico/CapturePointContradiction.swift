import Findings
import Wire

/// A capture point the user named (`--captured-on`) whose packets say otherwise: a raw-IP file
/// called eth0, an Ethernet file with protocol-4 outer headers called tunl0. The stated name
/// still decides the role (the user may know better); the contradiction is a warning naming both.
public enum CapturePointContradiction {
    /// One finding per stated capture point its packets contradict. `sources`: capture index →
    /// the file's name.
    public static func findings(
        points: [CapturePoint], capturedOn override: String?, capturedOnByCapture: [Int: String], sources: [Int: String]
    ) -> [Finding] {
        let sawWireGuard = points.contains { $0.statistics.wireguardPackets > 0 }
        let sawIPInIP = points.contains { $0.statistics.ipInIPPackets > 0 }
        var findings: [Finding] = []
        for point in points where point.cookedInterfaceIndex == nil && point.statistics.packets > 0 {
            guard let stated = capturedOnByCapture[point.captureIndex] ?? override,
                let statedRole = CapturePointRole(interfaceName: stated)
            else { continue }
            let reasons = contradictions(of: point, statedRole: statedRole)
            guard !reasons.isEmpty else { continue }
            var inferred = point
            inferred.interfaceName = nil  // the stated name itself, when the file gave none
            CapturePointClassifier.classify(&inferred, override: nil, rawMeansWireGuard: sawWireGuard && !sawIPInIP)
            let source = sources[point.captureIndex] ?? "capture \(point.captureIndex)"
            let looksLike = inferred.role == statedRole ? "" : "; its packets look like \(inferred.role.typicalDevice): \(inferred.roleReason)"
            findings.append(
                Finding(
                    .capturePointContradicted, severity: .warning, title: "Capture point contradicted by the packets",
                    detail: "\(source): stated as \(stated) (--captured-on), but \(reasons.joined(separator: ", and "))\(looksLike); "
                        + "the report follows --captured-on \(stated)",
                    capturePoints: [point.id], sources: [source],
                    evidence: [
                        EvidenceItem("stated", .text(stated)), EvidenceItem("statedRole", .text(statedRole.rawValue)),
                        EvidenceItem("inferred", .text(inferred.role.typicalDevice)),
                        EvidenceItem("inferredRole", .text(inferred.role.rawValue)),
                    ]))
        }
        return findings
    }

    /// What in the point's packets cannot happen at a device of the stated role.
    static func contradictions(of point: CapturePoint, statedRole: CapturePointRole) -> [String] {
        let statistics = point.statistics
        let rawIP = point.linkType.isRawIP
        let ethernet = point.linkType == .ethernet
        var reasons: [String] = []
        let outer = "\(statistics.tunnelOuterPackets) packets carry tunnel outer headers ("
            + [statistics.ipInIPPackets > 0 ? "IP-in-IP, protocol 4" : nil, statistics.vxlanPackets > 0 ? "VXLAN" : nil,
                statistics.wireguardPackets > 0 ? "WireGuard" : nil].compactMap { $0 }.joined(separator: ", ") + ")"
        switch statedRole {
        case .uplink:
            if rawIP { reasons.append("the file is raw IP, with no link header, which an Ethernet uplink always has") }
            if statistics.tunnelOuterPackets == 0 && statistics.workloadMACPackets > 0 {
                reasons.append("\(statistics.workloadMACPackets) frames go to or from ee:ee:ee:ee:ee:ee, a Calico workload veth's MAC")
            } else if statistics.tunnelOuterPackets == 0 && statistics.vtepMACPackets > 0
                && statistics.vtepMACPackets * 2 >= statistics.ipPackets
            {
                reasons.append("\(statistics.vtepMACPackets) frames go between Calico VTEP MACs (66:…) with no outer header, as on vxlan.calico")
            }
        case .ipipDevice, .wireguardDevice:
            if statistics.tunnelOuterPackets > 0 { reasons.append(outer + ", which a tunnel device never shows") }
            if ethernet { reasons.append("the file has Ethernet headers, which \(statedRole.typicalDevice) (raw IP) never has") }
        case .vxlanDevice:
            if statistics.tunnelOuterPackets > 0 { reasons.append(outer + ", which vxlan.calico never shows") }
            if rawIP { reasons.append("the file is raw IP, while vxlan.calico shows Ethernet frames") }
        case .workload:
            if statistics.tunnelOuterPackets > 0 { reasons.append(outer + ", which a pod's veth does not carry") }
            if rawIP { reasons.append("the file is raw IP, while a veth shows Ethernet frames") }
        case .loopback, .unknown:
            break
        }
        return reasons
    }
}
