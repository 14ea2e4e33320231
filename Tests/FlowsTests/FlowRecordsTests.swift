import Flows
import PacketTestSupport
import Testing
import Wire

/// The flow table's paged records: positions across page boundaries, eviction that moves the
/// last record of one page into another, and the hand-over that empties the pages.
@Suite struct FlowRecordsTests {
    static func packet(_ index: Int) -> Dissection {
        Packets.udp("10.1.\(index / 256 % 256).\(index % 256)", UInt16(1024 + index % 50_000), "10.2.0.\(index / 65_536 + 1)", 53)
    }

    @Test func recordsStayFindableAcrossPagesAndEvictions() {
        // 5,000 flows: a full page of 4,096 and part of a second; 12,000 flows make 7,000 evictions,
        // each moving the last record (second page) to the victim's place (either page).
        var table = FlowTable(maximumFlows: 5_000)
        for index in 0..<12_000 {
            table.add(Self.packet(index), at: 0, Int64(index))
        }
        #expect(table.count == 5_000)
        #expect(table.records.count == 5_000)
        #expect(table.evictedFlows == 7_000)
        #expect(table.records.allSatisfy { table.record(for: $0.key)?.key == $0.key })
        #expect(Set(table.records.map(\.key)).count == 5_000)
        // One page of spare room at most, not a doubling array's.
        #expect(table.records.capacity < 5_000 + 4_096)
    }

    @Test func handingOverKeepsTheOrderAndEmptiesThePages() {
        var table = FlowTable()
        for index in 0..<9_000 {
            table.add(Self.packet(index), at: 0, Int64(index))
        }
        let before = table.records.map(\.firstSeen)
        #expect(before == (0..<9_000).map(Int64.init))
        var records = table.takeRecords()
        #expect(table.count == 0)
        let times = records.mapReleasingPages(\.firstSeen)
        #expect(times == before)
        #expect(records.isEmpty)
        #expect(records.capacity == 0)
    }
}
