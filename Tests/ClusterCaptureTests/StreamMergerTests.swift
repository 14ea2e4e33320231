import Testing

@testable import ClusterCapture

/// The merge of live node streams into one time order.
@Suite struct StreamMergerTests {
    static func packet(_ time: Int64, arrived: Int64 = 0) -> StreamPacket {
        StreamPacket(time: time, interfaceIndex: 0, bytes: [UInt8(truncatingIfNeeded: time)], arrived: arrived)
    }

    @Test func everyStreamWaitingGivesTimeOrder() {
        var merger = StreamMerger(streams: 3, holdNanoseconds: 1_000)
        merger.add(Self.packet(30), stream: 0)
        merger.add(Self.packet(10), stream: 1)
        merger.add(Self.packet(20), stream: 2)
        merger.add(Self.packet(40), stream: 1)
        #expect(merger.next(now: 0)?.packet.time == 10)
        #expect(merger.next(now: 0)?.packet.time == 20)
        // Stream 2 is empty and open: stream 0's 30 and stream 1's 40 wait for it.
        #expect(merger.next(now: 0) == nil)
        #expect(merger.waiting == 2)
    }

    @Test func aSilentStreamHoldsOthersOnlyForTheHoldTime() {
        var merger = StreamMerger(streams: 2, holdNanoseconds: 1_000)
        merger.add(Self.packet(5, arrived: 100), stream: 0)
        #expect(merger.next(now: 1_099) == nil)
        let next = merger.next(now: 1_100)
        #expect(next?.stream == 0)
        #expect(next?.packet.time == 5)
    }

    @Test func aClosedStreamHoldsNothing() {
        var merger = StreamMerger(streams: 2, holdNanoseconds: 1_000_000)
        merger.add(Self.packet(7), stream: 1)
        #expect(merger.next(now: 0) == nil)
        merger.close(stream: 0)
        #expect(merger.next(now: 0)?.packet.time == 7)
        #expect(merger.next(now: 0) == nil)
    }

    @Test func drainingGivesEverythingInOrder() {
        var merger = StreamMerger(streams: 3, holdNanoseconds: .max)
        for time in [9, 3, 6] as [Int64] { merger.add(Self.packet(time), stream: 0) }
        merger.add(Self.packet(4), stream: 2)
        var times: [Int64] = []
        while let next = merger.next(now: 0, draining: true) { times.append(next.packet.time) }
        // One stream's own order is kept (as the file merge keeps a file's order).
        #expect(times == [4, 9, 3, 6])
    }

    @Test func longQueuesAreCompactedWithoutLosingPackets() {
        var merger = StreamMerger(streams: 1, holdNanoseconds: 0)
        for time in 0..<10_000 { merger.add(Self.packet(Int64(time)), stream: 0) }
        var count = 0
        var last: Int64 = -1
        for round in 0..<5_000 {
            guard let next = merger.next(now: 0) else { break }
            #expect(next.packet.time == last + 1)
            last = next.packet.time
            count += 1
            if round % 1_000 == 0 { merger.add(Self.packet(100_000 + Int64(round)), stream: 0) }
        }
        #expect(count == 5_000)
        #expect(merger.waiting == 5_000 + 5)
    }
}
