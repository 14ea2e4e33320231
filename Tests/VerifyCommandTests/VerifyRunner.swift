import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs the built `calicap` executable (as Tests/CLITests/CommandRunner.swift does, copied here
/// so this suite stands alone) and captures what it prints.
enum VerifyRunner {
    struct Outcome {
        var status: Int32
        var standardOutput: String
        var standardError: String
        var crashed: Bool
    }

    static let repository: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func lab(_ scenario: String, _ file: String = "w1-eth0.pcap") -> String {
        repository.appendingPathComponent("Fixtures/lab/\(scenario)/\(file)").path
    }

    static func expectations(_ name: String) -> String {
        repository.appendingPathComponent("Fixtures/verify/\(name).yaml").path
    }

    static let executable: URL = {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [bundle.appendingPathComponent("calicap"), bundle.deletingLastPathComponent().appendingPathComponent("calicap")] {
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return repository.appendingPathComponent(".build/debug/calicap")
    }()

    /// Runs `executable arguments` (calicap by default) with no signal blocked (test threads block
    /// some, and a child inherits the mask), reading both pipes concurrently.
    static func run(
        _ arguments: [String], executable: URL = executable, environment: [String: String] = [:], timeout: Double = 60
    ) throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        var empty = sigset_t()
        var previous = sigset_t()
        sigemptyset(&empty)
        pthread_sigmask(SIG_SETMASK, &empty, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        try process.run()
        nonisolated(unsafe) var outputData = Data()
        nonisolated(unsafe) var errorData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            outputData = output.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        group.enter()
        DispatchQueue.global().async {
            errorData = error.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        group.wait()
        return Outcome(
            status: process.terminationStatus,
            standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData, as: UTF8.self),
            crashed: process.terminationReason == .uncaughtSignal)
    }

    static func json(_ text: String) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw CocoaError(.propertyListReadCorrupt)
        }
        return object
    }

    /// A fresh folder, removed by the caller.
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("calicap-verify-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
