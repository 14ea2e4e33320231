import Wire

/// Ethernet frames of Calico pod traffic between 16 nodes: a third each IPIP, VXLAN (UDP 4789,
/// VNI 4096, VTEP MACs) and direct, TCP and UDP, as `Benchmarks/offline/generate.py` writes them,
/// with 460 bytes of payload. Frame `n` belongs to flow `n % flows`; every other round goes back.
public struct Traffic: Sendable {
    public let frames: [[UInt8]]
    public let flows: Int

    public init(flows: Int, rounds: Int = 2) {
        self.flows = flows
        var generator = SplitMix(state: 7)
        var table: [(src: [UInt8], dst: [UInt8], nodeSource: [UInt8], nodeDestination: [UInt8], mode: Int, proto: UInt8, sport: UInt16)] = []
        for flow in 0..<flows {
            let a = Int(generator.next() % 16)
            let b = (a + 1 + Int(generator.next() % 15)) % 16
            let src: [UInt8] = [172, 20, UInt8(a * 4 + Int(generator.next() % 4)), UInt8(1 + generator.next() % 59)]
            let dst: [UInt8] = [172, 20, UInt8(b * 4 + Int(generator.next() % 4)), UInt8(1 + generator.next() % 59)]
            table.append((src, dst, [10, 0, 0, UInt8(a + 1)], [10, 0, 0, UInt8(b + 1)], flow % 3, flow % 2 == 1 ? 6 : 17,
                          UInt16(10_000 + flow % 50_000)))
        }
        var frames: [[UInt8]] = []
        frames.reserveCapacity(flows * rounds)
        for n in 0..<(flows * rounds) {
            var flow = table[n % flows]
            var sport = flow.sport
            var dport: UInt16 = 8080
            if (n / flows) % 2 == 1 {
                swap(&flow.src, &flow.dst)
                swap(&flow.nodeSource, &flow.nodeDestination)
                swap(&sport, &dport)
            }
            var l4: [UInt8]
            if flow.proto == 6 {
                l4 = Self.be16(sport) + Self.be16(dport) + Self.be32(UInt32(n)) + [0, 0, 0, 0, 0x50, 0x18, 0xff, 0xff, 0, 0, 0, 0]
            } else {
                l4 = Self.be16(sport) + Self.be16(dport) + Self.be16(UInt16(8 + 460)) + [0, 0]
            }
            l4 += [UInt8](repeating: 0, count: 460)
            let inner = Self.ipv4(flow.src, flow.dst, proto: flow.proto, payload: l4, id: UInt16(truncatingIfNeeded: n))
            let ethernet: [UInt8] = [2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 8, 0]
            switch flow.mode {
            case 0:
                frames.append(ethernet + Self.ipv4(flow.nodeSource, flow.nodeDestination, proto: 4, payload: inner, id: UInt16(truncatingIfNeeded: n)))
            case 1:
                let vxlan: [UInt8] = [8, 0, 0, 0, 0, 0x10, 0, 0] + [0x66, 0, 0, 0, 0, 2, 0x66, 0, 0, 0, 0, 1, 8, 0] + inner
                let udp = Self.be16(UInt16(40_000 + n % 20_000)) + Self.be16(4789) + Self.be16(UInt16(8 + vxlan.count)) + [0, 0] + vxlan
                frames.append(ethernet + Self.ipv4(flow.nodeSource, flow.nodeDestination, proto: 17, payload: udp, id: UInt16(truncatingIfNeeded: n)))
            default:
                frames.append(ethernet + inner)
            }
        }
        self.frames = frames
    }

    static func be16(_ value: UInt16) -> [UInt8] { [UInt8(value >> 8), UInt8(value & 0xff)] }
    static func be32(_ value: UInt32) -> [UInt8] { be16(UInt16(value >> 16)) + be16(UInt16(value & 0xffff)) }

    static func ipv4(_ source: [UInt8], _ destination: [UInt8], proto: UInt8, payload: [UInt8], id: UInt16) -> [UInt8] {
        var header: [UInt8] = [0x45, 0] + be16(UInt16(20 + payload.count)) + be16(id) + [0x40, 0, 64, proto, 0, 0] + source + destination
        var sum: UInt32 = 0
        for index in stride(from: 0, to: 20, by: 2) { sum += UInt32(header[index]) << 8 | UInt32(header[index + 1]) }
        while sum > 0xffff { sum = (sum & 0xffff) + (sum >> 16) }
        let checksum = ~UInt16(sum)
        header[10] = UInt8(checksum >> 8)
        header[11] = UInt8(checksum & 0xff)
        return header + payload
    }
}

/// A small deterministic generator (SplitMix64), so every run builds the same traffic.
struct SplitMix {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
