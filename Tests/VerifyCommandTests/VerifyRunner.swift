import CalicapTestSupport
import Foundation

/// The verify suites' paths and runner, over the shared test support (`ProcessRunner`: both
/// pipes read together, no signal blocked in the child, a timeout).
enum VerifyRunner {
    typealias Outcome = ProcessOutcome

    static var repository: URL { Fixtures.repository }

    static var executable: URL { CalicapExecutable.url }

    static func lab(_ scenario: String, _ file: String = "w1-eth0.pcap") -> String {
        Fixtures.lab(scenario, file)
    }

    static func expectations(_ name: String) -> String {
        Fixtures.path("verify/\(name).yaml")
    }

    /// Runs `executable arguments` (calicap by default).
    static func run(
        _ arguments: [String], executable: URL = executable, environment: [String: String] = [:], timeout: Double = 60
    ) throws -> Outcome {
        try ProcessRunner.run(executable.path, arguments, environment: environment, timeout: timeout)
    }

    static func json(_ text: String) throws -> [String: Any] {
        try JSONText.object(text)
    }

    /// A fresh folder, removed by the caller.
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("calicap-verify-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
