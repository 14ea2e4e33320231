import Analysis
import Benchmark
import Flows
import Traffic
import Wire

// Heap allocations and time per packet on the hot path, in steady state: each benchmark warms
// its state over the traffic once, then every measured iteration handles one packet (so
// mallocCountTotal ÷ iterations is allocations per packet; the target is 0).
let benchmarks: @Sendable () -> Void = {
    let traffic = Traffic(flows: 10_000)
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .cpuUser, .mallocCountTotal, .memoryLeaked],
        scalingFactor: .kilo, maxDuration: .seconds(2), maxIterations: 1_000)

    Benchmark("dissect (1000 packets)", configuration: configuration) { benchmark in
        let dissector = Dissector()
        var sum: UInt64 = 0
        for n in benchmark.scaledIterations {
            let packet = traffic.frames[n % traffic.frames.count].withUnsafeBytes {
                dissector.dissect($0.bytes, linkType: .ethernet)
            }
            sum &+= packet.fingerprint
        }
        blackHole(sum)
    }

    let dissections = traffic.frames.map { frame in
        frame.withUnsafeBytes { Dissector().dissect($0.bytes, linkType: .ethernet) }
    }
    Benchmark("flow table update, 10 000 flows (1000 packets)", configuration: configuration) { benchmark in
        var table = FlowTable()
        for (n, packet) in dissections.enumerated() {
            table.update(with: packet, capturePoint: 0, time: Int64(n), isDuplicate: false)
        }
        benchmark.startMeasurement()
        for n in benchmark.scaledIterations {
            table.update(with: dissections[n % dissections.count], capturePoint: 0, time: Int64(n), isDuplicate: false)
        }
        benchmark.stopMeasurement()
        blackHole(table.count)
    }

    Benchmark("duplicate detection (1000 packets)", configuration: configuration) { benchmark in
        var detector = DuplicateDetector()
        var duplicates = 0
        for n in benchmark.scaledIterations {
            let packet = dissections[n % dissections.count]
            if detector.isDuplicate(fingerprint: packet.fingerprint, capturePoint: n & 1, time: Int64(n)) { duplicates += 1 }
        }
        blackHole(duplicates)
    }

    Benchmark("session ingest, 10 000 flows (1000 packets)", configuration: configuration) { benchmark in
        var session = AnalysisSession(options: AnalysisOptions(paths: []))
        let capture = session.addCapture(source: "bench", linkType: .ethernet, interface: "eth0")
        for (n, frame) in traffic.frames.enumerated() {
            frame.withUnsafeBytes { session.ingest($0.bytes, captureIndex: capture, time: Int64(n)) }
        }
        benchmark.startMeasurement()
        for n in benchmark.scaledIterations {
            traffic.frames[n % traffic.frames.count].withUnsafeBytes {
                session.ingest($0.bytes, captureIndex: capture, time: Int64(traffic.frames.count + n))
            }
        }
        benchmark.stopMeasurement()
        blackHole(session.packets)
    }

    // The control: a table that only grows (every packet a new flow, each with its observation
    // array) must show allocations, or the counter is not counting.
    Benchmark("control: every packet a new flow (allocates)", configuration: configuration) { benchmark in
        var table = FlowTable()
        for n in benchmark.scaledIterations {
            var packet = dissections[n % dissections.count]
            if case .v4(let address)? = packet.ip?.source {
                packet.ip?.source = .v4(IPv4Address(rawValue: address.rawValue &+ UInt32(n / dissections.count) << 8))
            }
            table.update(with: packet, capturePoint: 0, time: Int64(n), isDuplicate: false)
        }
        blackHole(table.count)
    }
}
