import Analysis
import Calico

/// How reports name captures and capture points: by file name (`w1-eth0.pcap`), not the path
/// given, unless two files share a name (then the shortest distinguishing end of their paths,
/// `ipip/w1-eth0.pcap`); a capture point is its file's name, with its device when the file
/// holds several (`w1.pcapng (tunl0)`, `any.pcap (eth0 #2)`). Capture points are numbered
/// from 1 in file order: the files as given, then each file's points as they appeared.
public struct CaptureNames: Sendable {
    /// Per capture (`result.captures`), its display name.
    public let captureNames: [String]
    /// Per capture point id, its display name and number in file order (nil for unknown ids).
    let pointNames: [Int: String]
    let pointNumbers: [Int: Int]
    /// Per capture point id, its capture's index and its device's name.
    let pointCaptures: [Int: Int]
    let devices: [Int: String]

    public init(_ result: AnalysisResult) {
        self.init(captures: result.captures, capturePoints: result.capturePoints)
    }

    /// From a running session's captures and capture points (live `--format jsonl`).
    public init(captures: [CaptureSummary], capturePoints: [CapturePoint]) {
        captureNames = Self.shortNames(captures.map(\.source))
        // A pcapng file's interfaces are captures of their own with one source: its points
        // together decide whether a point needs its device in its name.
        var pointsPerSource: [String: Int] = [:]
        // Devices named twice in one file (two pcapng interfaces both taken as eth0) are told
        // apart by the interface's position in the file: `eth0 #1`.
        var devicesPerSource: [String: [String: Int]] = [:]
        for capture in captures {
            pointsPerSource[capture.source, default: 0] += capture.capturePoints.count
            for id in capture.capturePoints where capturePoints.indices.contains(id) {
                devicesPerSource[capture.source, default: [:]][Self.device(capturePoints[id]), default: 0] += 1
            }
        }
        var interfacesSeen: [String: Int] = [:]
        var names: [Int: String] = [:]
        var numbers: [Int: Int] = [:]
        var captureOf: [Int: Int] = [:]
        var deviceOf: [Int: String] = [:]
        var number = 0
        for (index, capture) in captures.enumerated() {
            let interface = interfacesSeen[capture.source, default: 0]
            interfacesSeen[capture.source] = interface + 1
            for id in capture.capturePoints where capturePoints.indices.contains(id) {
                number += 1
                numbers[id] = number
                let file = captureNames[index]
                var device = Self.device(capturePoints[id])
                if (devicesPerSource[capture.source]?[device] ?? 0) > 1, capturePoints[id].cookedInterfaceIndex == nil {
                    device += " #\(interface)"
                }
                captureOf[id] = index
                deviceOf[id] = device
                names[id] = (pointsPerSource[capture.source] ?? 0) > 1 ? "\(file) (\(device))" : file
            }
        }
        pointNames = names
        pointNumbers = numbers
        pointCaptures = captureOf
        devices = deviceOf
    }

    public func name(ofPoint id: Int) -> String? { pointNames[id] }

    public func number(ofPoint id: Int) -> Int? { pointNumbers[id] }

    /// The capture points that saw the flow, in file order, by name.
    public func seenAt(_ flow: AnalyzedFlow) -> [String] {
        orderedPoints(flow).compactMap { pointNames[$0] }
    }

    /// The ids of the points that saw the flow, in file order.
    func orderedPoints(_ flow: AnalyzedFlow) -> [Int] {
        let ids = Set(flow.record.observations.map(\.capturePoint))
        return ids.compactMap { id in pointNumbers[id].map { ($0, id) } }.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// `seenAt` for the table: the points of one file share its name once,
    /// `w0-any.pcap (cali* #4, eth0 #2), w0-eth0.pcap`.
    public func seenAtText(_ flow: AnalyzedFlow) -> String {
        var parts: [(file: String, devices: [String])] = []
        for id in orderedPoints(flow) {
            guard let name = pointNames[id], let captureIndex = pointCaptures[id] else { continue }
            let file = captureNames[captureIndex]
            let device = name == file ? nil : devices[id]
            if let last = parts.last, last.file == file, let device, !last.devices.isEmpty {
                parts[parts.count - 1].devices.append(device)
            } else {
                parts.append((file, device.map { [$0] } ?? []))
            }
        }
        return parts.map { $0.devices.isEmpty ? $0.file : "\($0.file) (\($0.devices.joined(separator: ", ")))" }
            .joined(separator: ", ")
    }

    /// The device a point stands for: its name, else its role's device; a cooked capture's
    /// interface index is kept, since two interfaces may have the same role.
    static func device(_ point: CapturePoint) -> String {
        let device = point.interfaceName ?? point.role.typicalDevice
        if point.interfaceName == nil, let index = point.cookedInterfaceIndex { return "\(device) #\(index)" }
        return device
    }

    /// Each path's last component, or as many trailing components as tell it from the others
    /// (the whole path when nothing shorter does).
    static func shortNames(_ paths: [String]) -> [String] {
        // Computed once per distinct path: a pcapng file with thousands of interfaces is
        // thousands of captures of one path.
        var distinct: [String] = []
        var seen = Set<String>()
        for path in paths where seen.insert(path).inserted { distinct.append(path) }
        let components = distinct.map { $0.split(separator: "/", omittingEmptySubsequences: true).map(String.init) }
        var short: [String: String] = [:]
        for (index, path) in distinct.enumerated() {
            let parts = components[index]
            short[path] = path
            guard !parts.isEmpty else { continue }
            for count in 1...parts.count {
                let suffix = Array(parts.suffix(count))
                let clashes = components.indices.contains { other in
                    other != index && Array(components[other].suffix(count)) == suffix
                }
                if !clashes {
                    short[path] = suffix.joined(separator: "/")
                    break
                }
            }
        }
        return paths.map { short[$0] ?? $0 }
    }
}
