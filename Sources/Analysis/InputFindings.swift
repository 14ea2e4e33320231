import Findings
import Wire

/// Findings about the inputs: files and devices.
public enum InputFindings {
    public static func unsupportedLinkType(source: String, linkType: LinkType) -> Finding {
        Finding(
            .unsupportedLinkType, severity: .warning, title: "Link type not supported",
            detail: "\(source): link type \(linkType) is not supported; its packets are counted but not decoded",
            sources: [source], evidence: [EvidenceItem("linkType", .text(linkType.name))])
    }

    /// A file cut short or with damaged records or blocks; `problem` is the reader's own words.
    public static func damagedCapture(source: String, name: String, problem: String) -> Finding {
        Finding(
            .damagedCapture, severity: .warning, title: "Capture file damaged", detail: "\(source): \(problem)",
            sources: [source], evidence: [EvidenceItem("problem", .text(name))])
    }

    public static func emptyCapture(source: String) -> Finding {
        Finding(.emptyCapture, severity: .warning, title: "No packets", detail: "\(source): no packets", sources: [source])
    }

    /// A live device that failed or went away; `message` is libpcap's, one line.
    public static func captureDeviceFailed(message: String) -> Finding {
        Finding(.captureDeviceFailed, severity: .warning, title: "Capture device failed", detail: message)
    }

    /// The -w file could not be written (disk full, …).
    public static func captureWriteFailed(message: String) -> Finding {
        Finding(.captureWriteFailed, severity: .warning, title: "Capture file not written", detail: message)
    }

    public static func kernelDrops(device: String, dropped: Int) -> Finding {
        Finding(
            .kernelDrops, severity: .info, title: "Packets dropped by the kernel",
            detail: "\(device): \(dropped) packets dropped by the kernel are not in this report (a larger -B buffer helps)",
            sources: [device], evidence: [EvidenceItem("dropped", .integer(dropped))])
    }
}
