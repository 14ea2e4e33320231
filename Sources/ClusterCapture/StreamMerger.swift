/// Puts the packets of several live streams into one time order, as `calicap -r` merges files.
///
/// A packet is handed out when every stream still open has a packet waiting (then the earliest
/// goes, exactly as the file merge does), or when the earliest has waited `holdNanoseconds` for
/// a stream that is silent or slow (a node with no traffic, one still starting its debug pod):
/// a quiet node never holds up the others for longer than that. Pure logic; no I/O, no clock.
struct StreamMerger {
    private var queues: [[StreamPacket]]
    private var heads: [Int]
    private var open: [Bool]
    let holdNanoseconds: Int64

    init(streams: Int, holdNanoseconds: Int64) {
        queues = Array(repeating: [], count: streams)
        heads = Array(repeating: 0, count: streams)
        open = Array(repeating: true, count: streams)
        self.holdNanoseconds = holdNanoseconds
    }

    /// Packets waiting, over all streams.
    var waiting: Int {
        var total = 0
        for index in queues.indices { total += queues[index].count - heads[index] }
        return total
    }

    mutating func add(_ packet: StreamPacket, stream: Int) {
        queues[stream].append(packet)
    }

    /// The stream sends nothing more: its packets no longer wait for it.
    mutating func close(stream: Int) {
        open[stream] = false
    }

    /// The next packet in time order, if it may go now (`now`: monotonic ns). With `draining`,
    /// every waiting packet may go (the capture is over).
    mutating func next(now: Int64, draining: Bool = false) -> (stream: Int, packet: StreamPacket)? {
        var chosen = -1
        var allHaveHeads = true
        for index in queues.indices {
            guard heads[index] < queues[index].count else {
                if open[index] { allHaveHeads = false }
                continue
            }
            if chosen < 0 || queues[index][heads[index]].time < queues[chosen][heads[chosen]].time {
                chosen = index
            }
        }
        guard chosen >= 0 else { return nil }
        let packet = queues[chosen][heads[chosen]]
        guard draining || allHaveHeads || now - packet.arrived >= holdNanoseconds else { return nil }
        heads[chosen] += 1
        if heads[chosen] == queues[chosen].count {
            queues[chosen].removeAll(keepingCapacity: true)
            heads[chosen] = 0
        } else if heads[chosen] >= 4096 && heads[chosen] * 2 >= queues[chosen].count {
            queues[chosen].removeFirst(heads[chosen])
            heads[chosen] = 0
        }
        return (chosen, packet)
    }
}
