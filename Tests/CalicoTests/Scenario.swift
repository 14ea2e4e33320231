import Calico
import Flows
import PacketTestSupport
import Wire

/// A two-subnet Calico lab: nodes 1 and 2 share 192.168.10.0/24, node 3 is in 192.168.20.0/24;
/// each hosts one pod block (Calico moved its pool to 172.16.0.0/16 because the nodes use
/// 192.168.0.0/16).
enum Lab {
    static let node1 = "192.168.10.101"
    static let node2 = "192.168.10.102"
    static let node3 = "192.168.20.103"
    static let podA = "172.16.158.1"  // on node 1
    static let podA2 = "172.16.158.2"  // on node 1
    static let podB = "172.16.184.1"  // on node 2
    static let podC = "172.16.200.1"  // on node 3
    static let podPool = IPNetwork(address: Packets.address("172.16.0.0"), prefixLength: 16)

    static func ip(_ text: String) -> IPAddress { Packets.address(text) }
}

/// Feeds hand-made dissections through the same steps as `AnalysisSession.ingest` (statistics,
/// address evidence, flow table) and then classifies, as `AnalysisSession.result` does.
struct Scenario {
    var points: [CapturePoint]
    var table = FlowTable()
    var evidence = AddressEvidence()
    var clock: Int64 = 0

    /// Capture points named like interfaces (nil: unnamed), with their capture index.
    init(_ points: [(name: String?, capture: Int)], linkType: LinkType = .ethernet) {
        self.points = points.enumerated().map { index, point in
            CapturePoint(id: index, captureIndex: point.capture, interfaceName: point.name, linkType: linkType)
        }
    }

    init(points: [CapturePoint]) {
        self.points = points
    }

    /// One packet seen at `point`, one microsecond after the previous one (or at `time`).
    mutating func see(_ packet: Dissection, at point: Int, duplicate: Bool = false, time: Int64? = nil) {
        clock = time ?? clock + 1_000
        points[point].statistics.count(packet)
        guard packet.ip != nil else {
            evidence.learnARP(from: packet, capturePoint: point)
            return
        }
        evidence.learnWorkload(from: packet)
        guard packet.innermostDecoded || packet.isWireGuard else { return }
        let update = table.update(with: packet, capturePoint: point, time: clock, isDuplicate: duplicate)
        if update == .recorded(firstSighting: true) {
            evidence.learn(fromFirstObservation: packet, capturePoint: point)
        }
    }

    /// A request and its answer: `forward` at each point in `points` (the first copy counted,
    /// the others duplicates), then `backward` the same way.
    mutating func exchange(_ forward: [(Dissection, Int)], _ backward: [(Dissection, Int)]) {
        for (index, (packet, point)) in forward.enumerated() { see(packet, at: point, duplicate: index > 0) }
        for (index, (packet, point)) in backward.enumerated() { see(packet, at: point, duplicate: index > 0) }
    }

    func analyse(podNetworks: [IPNetwork] = [], capturedOn: String? = nil, overlayRules: OverlayRules = OverlayRules())
        -> Analysis
    {
        var classified = points
        CapturePointClassifier.classify(&classified, capturedOn: capturedOn)
        let uplinks = Set(classified.filter { $0.role == .uplink }.map(\.id))
        let podSide = Set(classified.filter { $0.role == .ipipDevice || $0.role == .vxlanDevice }.map(\.id))
        let plan = AddressPlan(
            explicitPodNetworks: podNetworks, evidence: evidence, uplinkPoints: uplinks, podSidePoints: podSide)
        let classifier = FlowClassifier(capturePoints: classified, addresses: plan, overlayRules: overlayRules)
        let flows = table.records.map { AnalyzedFlow(record: $0, verdict: classifier.verdict(for: $0)) }
        return Analysis(points: classified, plan: plan, flows: flows)
    }
}

struct Analysis {
    var points: [CapturePoint]
    var plan: AddressPlan
    var flows: [AnalyzedFlow]

    /// The verdict of the flow between these two addresses (either may be the client).
    func verdict(_ one: String, _ other: String) -> FlowVerdict? {
        let pair: Set<IPAddress> = [Lab.ip(one), Lab.ip(other)]
        return flows.first { Set([$0.record.key.lower.address, $0.record.key.upper.address]) == pair }?.verdict
    }

    func pool() -> PoolAssessment {
        PoolAssessment(flows: flows, capturePoints: points, addresses: plan)
    }
}
