import CalicapTestSupport
import Calico
import CaptureFile
import Flows
import Testing
import Wire

/// Flow tables and address evidence built from parts of a capture merge into what one pass over
/// the whole capture builds: split by time (two halves) and split by flow (two shards by a
/// direction-independent hash of the 5-tuple, as worker threads would own them).
@Suite struct MergeTests {
    struct Built {
        var table = FlowTable()
        var evidence = AddressEvidence()

        mutating func add(_ packet: Dissection, time: Int64) {
            guard packet.ip != nil else {
                evidence.learnARP(from: packet, capturePoint: 0)
                return
            }
            evidence.learnWorkload(from: packet)
            if case .recorded(true) = table.update(with: packet, capturePoint: 0, time: time, isDuplicate: false) {
                evidence.learn(fromFirstObservation: packet, capturePoint: 0)
            }
        }
    }

    /// Every packet of a lab file, dissected, with its time.
    static func packets(_ folder: String, _ file: String) throws -> [(Dissection, Int64)] {
        let reader = try CaptureFileReader(path: Fixtures.lab(folder, file))
        let dissector = Dissector()
        var packets: [(Dissection, Int64)] = []
        while let record = reader.next() {
            let linkType = reader.interfaces[record.interfaceIndex].linkType
            let time = record.timestamp.seconds * 1_000_000_000 + Int64(record.timestamp.nanoseconds)
            packets.append((dissector.dissect(record.bytes.bytes, linkType: linkType), time))
        }
        return packets
    }

    /// Shard of a packet by its flow, the same for both directions.
    static func shard(_ packet: Dissection) -> Int {
        guard let ip = packet.ip else { return 0 }
        let ports = packet.ports
        var hasher = Hasher()
        hasher.combine(min(ip.source, ip.destination))
        hasher.combine(max(ip.source, ip.destination))
        hasher.combine(min(ports?.source ?? 0, ports?.destination ?? 0))
        hasher.combine(max(ports?.source ?? 0, ports?.destination ?? 0))
        hasher.combine(ip.protocolNumber.rawValue)
        return hasher.finalize() & 1
    }

    static func expectSame(_ merged: Built, _ whole: Built) {
        #expect(merged.table.count == whole.table.count)
        for record in whole.table.records {
            guard let other = merged.table.record(for: record.key) else {
                Issue.record("missing \(record.key)")
                continue
            }
            #expect(other.clientIsLower == record.clientIsLower)
            #expect(other.packetsToServer == record.packetsToServer)
            #expect(other.packetsToClient == record.packetsToClient)
            #expect(other.bytesToServer == record.bytesToServer)
            #expect(other.firstSeen == record.firstSeen && other.lastSeen == record.lastSeen)
            #expect(other.tcpFlagsForward == record.tcpFlagsForward && other.tcpFlagsReverse == record.tcpFlagsReverse)
            #expect(other.observations.count == record.observations.count)
            for observation in record.observations {
                let match = other.observations.first { $0.matches(observation) }
                #expect(match?.packetsForward == observation.packetsForward)
                #expect(match?.packetsReverse == observation.packetsReverse)
            }
        }
        #expect(merged.evidence.nodeAddresses == whole.evidence.nodeAddresses)
        #expect(merged.evidence.podAddresses == whole.evidence.podAddresses)
        #expect(merged.evidence.arpSenders == whole.evidence.arpSenders)
        #expect(merged.evidence.plainBlocks == whole.evidence.plainBlocks)
        #expect(merged.evidence.blockNodes.keys.sorted() == whole.evidence.blockNodes.keys.sorted())
    }

    @Test(arguments: [("ipip", "w1-eth0.pcap"), ("vxlan", "w0-eth0.pcap"), ("crosssubnet", "router-vpc10.pcap")])
    func halvesMergeIntoTheWhole(folder: String, file: String) throws {
        let packets = try Self.packets(folder, file)
        var whole = Built()
        var first = Built()
        var second = Built()
        for (index, (packet, time)) in packets.enumerated() {
            whole.add(packet, time: time)
            if index < packets.count / 2 { first.add(packet, time: time) } else { second.add(packet, time: time) }
        }
        #expect(first.table.count > 0 && second.table.count > 0)
        first.table.merge(second.table)
        first.evidence.merge(second.evidence)
        Self.expectSame(first, whole)
    }

    @Test(arguments: [("ipip", "w1-any.pcap"), ("vxlan-crosssubnet", "w1-eth0.pcap"), ("direct", "router-vpc10.pcap")])
    func shardsMergeIntoTheWhole(folder: String, file: String) throws {
        let packets = try Self.packets(folder, file)
        var whole = Built()
        var shards = [Built(), Built()]
        for (packet, time) in packets {
            whole.add(packet, time: time)
            shards[Self.shard(packet)].add(packet, time: time)
        }
        for shard in shards { #expect(shard.table.count > 0) }
        var merged = shards[0]
        merged.table.merge(shards[1].table)
        merged.evidence.merge(shards[1].evidence)
        Self.expectSame(merged, whole)
    }

    @Test func mergedTablesKeepTheFlowLimit() throws {
        let packets = try Self.packets("ipip", "w1-eth0.pcap")
        var first = FlowTable(maximumFlows: 10)
        var second = FlowTable(maximumFlows: 10)
        for (index, (packet, time)) in packets.enumerated() {
            if index % 2 == 0 {
                first.update(with: packet, capturePoint: 0, time: time, isDuplicate: false)
            } else {
                second.update(with: packet, capturePoint: 0, time: time, isDuplicate: false)
            }
        }
        let evictedBefore = first.evictedFlows + second.evictedFlows
        first.merge(second)
        #expect(first.count == 10)
        #expect(first.evictedFlows > evictedBefore)
    }

    @Test func duplicateDetectorsMerge() {
        var first = DuplicateDetector()
        var second = DuplicateDetector()
        let firstNew = first.isDuplicate(fingerprint: 42, capturePoint: 0, time: 1_000)
        let secondNew = second.isDuplicate(fingerprint: 7, capturePoint: 1, time: 1_000)
        #expect(!firstNew && !secondNew)
        first.merge(second)
        // Each packet is known to the merged detector with its capture point.
        let copyOfSeventh = first.isDuplicate(fingerprint: 7, capturePoint: 2, time: 1_500)
        let copyOfFortySecond = first.isDuplicate(fingerprint: 42, capturePoint: 3, time: 1_500)
        let unknown = first.isDuplicate(fingerprint: 99, capturePoint: 3, time: 1_500)
        #expect(copyOfSeventh && copyOfFortySecond && !unknown)
    }
}
