import Analysis
import CaptureFile
import CalicapTestSupport
import Flows
import Testing
import Wire

/// The shard of a packet (which worker keeps its flow with `--threads`) is the same for both
/// directions of a flow, for every fragment and for an ICMP error quoting it; and the flows of
/// a lab capture are spread over the shards, so the sharded path is really exercised.
@Suite struct ShardTests {
    @Test func everyFlowLivesInOneShardAndTheShardsShareTheWork() throws {
        let reader = try CaptureFileReader(path: Fixtures.lab("crosssubnet", "w1-eth0.pcap"))
        let dissector = Dissector()
        var shardOfFlow: [FlowKey: Int] = [:]
        var used = Set<Int>()
        while let record = reader.next() {
            let packet = dissector.dissect(record.bytes.bytes, linkType: reader.interfaces[record.interfaceIndex].linkType)
            var table = FlowTable()
            guard case .recorded = table.update(with: packet, capturePoint: 0, time: 0, isDuplicate: false),
                let key = table.records.first?.key
            else { continue }
            let shard = AnalysisSession.shard(of: packet, count: 4)
            #expect((0..<4).contains(shard))
            #expect(shardOfFlow[key, default: shard] == shard, "\(key) in two shards")
            shardOfFlow[key] = shard
            used.insert(shard)
        }
        #expect(shardOfFlow.count > 20)
        #expect(used.count >= 3)
    }
}
