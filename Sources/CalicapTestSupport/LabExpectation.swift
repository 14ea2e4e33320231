import Foundation

/// One line of `Fixtures/lab/<folder>/expected.tsv`, generated from the lab's truth.json by
/// `Scripts/make-lab-expectations.py`: a flow that must be in a capture file, with its mode there.
public struct LabExpectation: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var protocolName: String
    public var clientIP: String
    public var clientPort: Int
    public var serverIP: String
    public var serverPort: Int
    public var mode: String
    public var answered: Bool

    public init(
        file: String, protocolName: String, clientIP: String, clientPort: Int, serverIP: String, serverPort: Int,
        mode: String, answered: Bool
    ) {
        self.file = file
        self.protocolName = protocolName
        self.clientIP = clientIP
        self.clientPort = clientPort
        self.serverIP = serverIP
        self.serverPort = serverPort
        self.mode = mode
        self.answered = answered
    }

    public var description: String {
        "\(file) \(protocolName) \(clientIP):\(clientPort) > \(serverIP):\(serverPort) \(mode) answered=\(answered)"
    }

    /// Every expectation of a lab folder; none when it has no expected.tsv.
    public static func load(folder: String) -> [LabExpectation] {
        load(file: Fixtures.lab(folder, "expected.tsv"))
    }

    /// Every expectation of an expected.tsv at `path`; none when it is missing.
    public static func load(file path: String) -> [LabExpectation] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            return []
        }
        return text.split(separator: "\n").compactMap { line in
            if line.hasPrefix("#") { return nil }
            let fields = line.split(separator: "\t").map(String.init)
            guard fields.count == 8, let clientPort = Int(fields[3]), let serverPort = Int(fields[5]) else { return nil }
            return LabExpectation(
                file: fields[0], protocolName: fields[1], clientIP: fields[2], clientPort: clientPort,
                serverIP: fields[4], serverPort: serverPort, mode: fields[6], answered: fields[7] == "true")
        }
    }
}
