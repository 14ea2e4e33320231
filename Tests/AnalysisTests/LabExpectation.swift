#if canImport(Glibc)
import Glibc
#endif

/// One line of `Fixtures/lab/<folder>/expected.tsv`, generated from the lab's truth.json by
/// `Scripts/make-lab-expectations.py`: a flow that must be in a capture file, with its mode there.
struct LabExpectation: Hashable, CustomStringConvertible {
    var file: String
    var protocolName: String
    var clientIP: String
    var clientPort: Int
    var serverIP: String
    var serverPort: Int
    var mode: String
    var answered: Bool

    var description: String {
        "\(file) \(protocolName) \(clientIP):\(clientPort) > \(serverIP):\(serverPort) \(mode) answered=\(answered)"
    }

    static func load(folder: String) -> [LabExpectation] {
        let path = Fixtures.lab(folder, "expected.tsv")
        guard let file = fopen(path, "r") else { return [] }
        defer { fclose(file) }
        var text = ""
        var buffer = [CChar](repeating: 0, count: 4096)
        while fgets(&buffer, Int32(buffer.count), file) != nil {
            text += String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
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
