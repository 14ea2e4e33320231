import Calico
import Findings
import Flows
import Wire

/// The streaming state of one analysis: packets go in one at a time, from files or a live
/// capture alike; `result` gives the report. Memory is bounded by flows, not packets.
public struct AnalysisSession: Sendable {
    public let options: AnalysisOptions
    let dissector: Dissector
    public private(set) var capturePoints: [CapturePoint] = []
    var captures: [CaptureSummary] = []
    /// For captures that are not cooked: their single capture point.
    var plainPoint: [Int?] = []
    var cookedPoints: [CapturePointKey: Int] = [:]
    var overflowPoint: [Int: Int] = [:]
    public internal(set) var flows: FlowTable
    var duplicates: DuplicateDetector
    var evidence = AddressEvidence()
    public private(set) var packets = 0
    var nonIPPackets = 0
    var linkControlPackets = 0
    var duplicatePackets = 0
    var truncatedPackets = 0
    public var filteredPackets = 0
    var sessionAnomalies: [SessionAnomaly: Int] = [:]
    var packetAnomalies: [PacketAnomaly: Int] = [:]
    /// What the inputs gave to tell: damaged files, unsupported link types, devices that went
    /// away, packets the kernel dropped. Flow and pool findings come with the result.
    public private(set) var findings: [Finding] = []

    static let maximumCapturePoints = 1024

    public init(options: AnalysisOptions) {
        self.options = options
        dissector = Dissector(options: options.dissect)
        flows = FlowTable(maximumFlows: options.maximumFlows)
        duplicates = DuplicateDetector(window: options.duplicateWindowNanoseconds)
    }

    /// The captures registered so far (for names while the session still runs).
    public var captureSummaries: [CaptureSummary] { captures }

    /// Registers a capture (a file, a pcapng interface, a live device); returns its index.
    public mutating func addCapture(source: String, linkType: LinkType, interface: String?) -> Int {
        let given = options.capturedOn(source: source)
        let named = interface ?? given
        captures.append(
            CaptureSummary(
                source: source, linkType: linkType, interface: named, interfaceAssumed: named == nil,
                interfaceReason: interface == nil && given != nil ? "--captured-on" : nil,
                packets: 0, firstSeen: nil, lastSeen: nil, capturePoints: []))
        plainPoint.append(nil)
        if !linkType.isSupported {
            report(InputFindings.unsupportedLinkType(source: source, linkType: linkType))
        }
        return captures.count - 1
    }

    /// Adds a finding about the inputs to the report.
    public mutating func report(_ finding: Finding) {
        findings.append(finding)
    }

    /// Analyses one packet of capture `captureIndex`, captured at `time` (ns since the epoch).
    public mutating func ingest(_ bytes: RawSpan, captureIndex: Int, time: Int64) {
        guard captures.indices.contains(captureIndex) else { return }
        // Dissected straight into a local (not through `dissect`'s optional) and lent to
        // `apply`: the dissection is never copied on this per-packet path.
        let packet = dissector.dissect(bytes, linkType: captures[captureIndex].linkType)
        apply(packet, captureIndex: captureIndex, time: time)
    }

    /// Decodes one packet of capture `captureIndex` with the session's options; nothing is
    /// recorded (nil for an unknown capture). A caller that also prints the packet dissects once
    /// and hands the result to `apply`.
    public func dissect(_ bytes: RawSpan, captureIndex: Int) -> Dissection? {
        guard captures.indices.contains(captureIndex) else { return nil }
        return dissector.dissect(bytes, linkType: captures[captureIndex].linkType)
    }

    /// Records a dissected packet of capture `captureIndex`, captured at `time` (ns since the
    /// epoch): its capture point, duplicate check, flow and address evidence.
    @inline(__always)
    public mutating func apply(_ packet: Dissection, captureIndex: Int, time: Int64) {
        guard let point = recordPacket(packet, captureIndex: captureIndex, time: time) else { return }
        recordFlow(packet, capturePoint: point, time: time, mayHaveDuplicates: mayHaveDuplicates(captures[captureIndex].linkType))
    }

    /// The packet-level half of `apply`, in the order packets arrive (the reader's thread when
    /// several threads analyse): counts, capture point, anomalies, ARP and workload addresses.
    /// Returns the packet's capture point when it goes on to a flow (`recordFlow`), else nil.
    @inline(__always)
    public mutating func recordPacket(_ packet: Dissection, captureIndex: Int, time: Int64) -> Int? {
        guard captures.indices.contains(captureIndex) else { return nil }
        packets += 1
        captures[captureIndex].packets += 1
        if captures[captureIndex].firstSeen == nil { captures[captureIndex].firstSeen = time }
        captures[captureIndex].lastSeen = time
        let linkType = captures[captureIndex].linkType
        let point = capturePoint(for: packet, captureIndex: captureIndex, linkType: linkType)
        capturePoints[point].statistics.count(packet)
        let stopReason = packet.stopReason
        if let stopReason { packetAnomalies[stopReason, default: 0] += 1 }
        if let irregularity = packet.anomalies.lastIrregularity { packetAnomalies[irregularity, default: 0] += 1 }
        if packet.isTruncated { truncatedPackets += 1 }
        guard packet.ip != nil else {
            if stopReason == nil { nonIPPackets += 1 }
            evidence.learnARP(from: packet, capturePoint: point)
            return nil
        }
        evidence.learnWorkload(from: packet)
        guard packet.innermostDecoded || packet.isWireGuard else {
            // A tunnel whose payload is not IP (ARP in VXLAN, WCCP in GRE), or did not decode.
            if stopReason == nil { nonIPPackets += 1 }
            return nil
        }
        return point
    }

    /// The flow-level half of `apply`: duplicate check, flow, and what the flow's first packets
    /// teach about addresses. Every packet of one flow (and every copy of one packet) must come
    /// to the same session, in time order: a shard of the flows when several threads analyse
    /// (`mergeFlows`). `mayHaveDuplicates`: several capture points can show this packet.
    @inline(__always)
    public mutating func recordFlow(_ packet: Dissection, capturePoint point: Int, time: Int64, mayHaveDuplicates: Bool) {
        // Copies of a packet exist only with several capture points (several files or
        // interfaces, or a cooked `-i any` capture); a single capture point needs no lookup.
        let duplicate = mayHaveDuplicates
            && duplicates.isDuplicate(fingerprint: packet.fingerprint, capturePoint: point, time: time)
        switch flows.update(with: packet, capturePoint: point, time: time, isDuplicate: duplicate) {
        case .recorded(let firstSighting):
            if duplicate { duplicatePackets += 1 }
            if firstSighting {
                evidence.learn(fromFirstObservation: packet, capturePoint: point)
            }
        case .icmpErrorAttached:
            if duplicate { duplicatePackets += 1 }
        case .fragmentWithoutFirst:
            sessionAnomalies[.fragmentWithoutFirst, default: 0] += 1
        case .linkControl:
            linkControlPackets += 1
        case .noFlow:
            break
        }
    }

    public func mayHaveDuplicates(_ linkType: LinkType) -> Bool {
        captures.count > 1 || linkType.isCooked
    }

    mutating func capturePoint(for packet: Dissection, captureIndex: Int, linkType: LinkType) -> Int {
        let cooked = linkType.isCooked
        if !cooked, let point = plainPoint[captureIndex] { return point }
        var key = CapturePointKey(captureIndex: captureIndex, interfaceIndex: 0, hardwareType: 0, addressClass: 0)
        if cooked {
            if linkType == .linuxSLL2 {
                key.interfaceIndex = packet.link.cooked?.interfaceIndex ?? 0
            } else {
                key.hardwareType = packet.link.cooked?.addressType ?? 0
                if packet.link.sourceMAC == .calicoWorkloadHost {
                    key.addressClass = 1
                } else if packet.link.sourceMAC?.isCalicoVTEP ?? false {
                    key.addressClass = 2
                }
            }
            if let point = cookedPoints[key] { return point }
            if capturePoints.count >= Self.maximumCapturePoints {
                if let point = overflowPoint[captureIndex] { return point }
            }
        }
        let point = capturePoints.count
        var newPoint = CapturePoint(
            id: point, captureIndex: captureIndex, interfaceName: cooked ? nil : captures[captureIndex].interface,
            linkType: linkType,
            cookedInterfaceIndex: linkType == .linuxSLL2 ? packet.link.cooked?.interfaceIndex : nil,
            cookedAddressType: cooked ? packet.link.cooked?.addressType : nil)
        if !cooked, captures[captureIndex].interface != nil, !captures[captureIndex].interfaceAssumed {
            newPoint.interfaceName = captures[captureIndex].interface
        }
        capturePoints.append(newPoint)
        captures[captureIndex].capturePoints.append(point)
        if cooked {
            if capturePoints.count >= Self.maximumCapturePoints {
                overflowPoint[captureIndex] = point
            } else {
                cookedPoints[key] = point
            }
        } else {
            plainPoint[captureIndex] = point
        }
        return point
    }

    /// Classifies capture points and flows; the session can keep ingesting afterwards.
    public func result() -> AnalysisResult {
        var records = flows.records
        return result(of: &records)
    }

    /// The result, at the end of the session: the flow table is handed over to the result
    /// instead of being kept beside it, so the report phase holds each flow once. The session
    /// has no flows afterwards (its counters stay).
    public mutating func takeResult() -> AnalysisResult {
        var records = flows.takeRecords()
        return result(of: &records)
    }

    /// `records` are emptied, each page given back once its flows are judged.
    private func result(of records: inout FlowRecords) -> AnalysisResult {
        let classifier = currentClassifier()
        let points = classifier.capturePoints
        let addresses = classifier.addresses
        var analyzed = records.mapReleasingPages { AnalyzedFlow(record: $0, verdict: classifier.verdict(for: $0, deferringRecordFindings: true)) }
        analyzed.sortChronologically()
        let pool = PoolAssessment.judgingCalicoFlows(
            analyzed, capturePoints: points, addresses: addresses)
        var summaries = captures
        for index in summaries.indices {
            describeInterface(&summaries[index], points: points)
        }
        var named: [String: Int] = [:]
        for (anomaly, count) in sessionAnomalies { named[anomaly.rawValue, default: 0] += count }
        for (anomaly, count) in packetAnomalies { named[anomaly.name, default: 0] += count }
        var cluster: ClusterReading?
        #if canImport(ClusterContext)
        cluster = options.cluster.map { ClusterReading(context: $0, flows: analyzed, pool: pool) }
        #endif
        var result = AnalysisResult(
            captures: summaries, capturePoints: points, flows: analyzed, pool: pool, cluster: cluster, addresses: addresses,
            packets: packets, nonIPPackets: nonIPPackets, linkControlPackets: linkControlPackets,
            duplicatePackets: duplicatePackets,
            truncatedPackets: truncatedPackets, filteredPackets: filteredPackets, anomalies: named,
            findings: findings + capturePointContradictions(), evictedFlows: flows.evictedFlows, evictedPackets: flows.evictedPackets)
        result.trafficFindings = UnansweredFlowFindings.findings(
            flows: analyzed, pool: pool, capturePoints: points, captures: summaries)
            + DiagnosisFindings.findings(flows: analyzed, capturePoints: points, captures: summaries)
        return result
    }

    /// Names the interface of a capture the file did not name: `any` for cooked captures, else
    /// the device its role stands for.
    func describeInterface(_ summary: inout CaptureSummary, points: [CapturePoint]) {
        guard summary.interfaceAssumed else { return }
        if summary.linkType.isCooked {
            summary.interface = "any"
            summary.interfaceReason = "Linux cooked capture: several interfaces, told apart by \(summary.linkType == .linuxSLL2 ? "interface index" : "hardware type")"
            return
        }
        guard let first = summary.capturePoints.first, points.indices.contains(first) else { return }
        summary.interface = points[first].role.typicalDevice
        summary.interfaceReason = points[first].roleReason
    }
}
