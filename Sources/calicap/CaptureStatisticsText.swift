import Capture

/// libpcap's end-of-capture counters, worded as tcpdump words them.
enum CaptureStatisticsText {
    static func lines(device: String, captured: Int, statistics: CaptureStatistics?, prefixed: Bool) -> String {
        let prefix = prefixed ? "\(device): " : ""
        var output = "\(prefix)\(count(UInt64(captured))) captured\n"
        if let statistics {
            output += "\(prefix)\(count(statistics.received)) received by filter\n"
            output += "\(prefix)\(count(statistics.droppedByKernel)) dropped by kernel\n"
            output += "\(prefix)\(count(statistics.droppedByInterface)) dropped by interface\n"
        } else {
            output += "\(prefix)libpcap statistics unavailable\n"
        }
        return output
    }

    static func count(_ value: UInt64) -> String {
        "\(value) packet\(value == 1 ? "" : "s")"
    }
}
