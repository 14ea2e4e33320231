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
        captureNames = Self.shortNames(result.captures.map(\.source))
        var names: [Int: String] = [:]
        var numbers: [Int: Int] = [:]
        var captureOf: [Int: Int] = [:]
        var deviceOf: [Int: String] = [:]
        var number = 0
        for (index, capture) in result.captures.enumerated() {
            for id in capture.capturePoints where result.capturePoints.indices.contains(id) {
                number += 1
                numbers[id] = number
                let file = captureNames[index]
                let device = Self.device(result.capturePoints[id])
                captureOf[id] = index
                deviceOf[id] = device
                names[id] = capture.capturePoints.count > 1 ? "\(file) (\(device))" : file
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
        let components = paths.map { $0.split(separator: "/", omittingEmptySubsequences: true).map(String.init) }
        return paths.indices.map { index in
            let parts = components[index]
            guard !parts.isEmpty else { return paths[index] }
            for count in 1...parts.count {
                let suffix = parts.suffix(count)
                let clashes = components.indices.contains { other in
                    other != index && paths[other] != paths[index] && Array(components[other].suffix(count)) == Array(suffix)
                }
                if !clashes { return suffix.joined(separator: "/") }
            }
            return paths[index]
        }
    }
}
