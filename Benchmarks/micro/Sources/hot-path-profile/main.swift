#if canImport(Glibc)
import Glibc
#endif
import Analysis
import Flows
import Traffic
import Wire

// hot-path-profile STAGE PACKETS [FLOWS]: runs one hot-path stage over PACKETS packets (the
// traffic's frames cycled), for callgrind. STAGE: dissect | flows | session. Run it twice with
// different PACKETS and divide the difference of the instruction counts by the difference of
// the packets: that is the marginal cost per packet, without the set-up.
let arguments = CommandLine.arguments
guard arguments.count >= 3, let packets = Int(arguments[2]) else {
    print("usage: hot-path-profile dissect|flows|session PACKETS [FLOWS]")
    exit(2)
}
let flows = arguments.count > 3 ? Int(arguments[3]) ?? 1000 : 1000
let traffic = Traffic(flows: flows)
let dissector = Dissector()
var checksum = 0
switch arguments[1] {
case "dissect":
    for n in 0..<packets {
        let packet = traffic.frames[n % traffic.frames.count].withUnsafeBytes {
            dissector.dissect($0.bytes, linkType: .ethernet)
        }
        checksum &+= Int(truncatingIfNeeded: packet.fingerprint)
    }
case "flows":
    let dissections = traffic.frames.map { frame in frame.withUnsafeBytes { dissector.dissect($0.bytes, linkType: .ethernet) } }
    var table = FlowTable()
    for n in 0..<packets {
        table.update(with: dissections[n % dissections.count], capturePoint: 0, time: Int64(n) * 1000, isDuplicate: false)
    }
    checksum = table.count
case "session":
    var session = AnalysisSession(options: AnalysisOptions(paths: []))
    let capture = session.addCapture(source: "bench", linkType: .ethernet, interface: "eth0")
    for n in 0..<packets {
        traffic.frames[n % traffic.frames.count].withUnsafeBytes {
            session.ingest($0.bytes, captureIndex: capture, time: Int64(n) * 1000)
        }
    }
    checksum = session.packets
default:
    print("unknown stage \(arguments[1])")
    exit(2)
}
print("\(arguments[1]) \(packets) packets: \(checksum)")
