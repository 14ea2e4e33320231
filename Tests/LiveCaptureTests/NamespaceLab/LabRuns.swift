import CalicapTestSupport
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs each mode's lab once per test process and keeps the outcome for every test of that mode.
final class LabRuns: @unchecked Sendable {
    static let shared = LabRuns()
    private let lock = NSLock()
    private var runs: [LabMode: Result<LabRun, LabFailure>] = [:]

    func run(_ mode: LabMode) throws -> LabRun {
        lock.lock()
        defer { lock.unlock() }
        if let cached = runs[mode] { return try cached.get() }
        let result: Result<LabRun, LabFailure>
        do {
            result = .success(try LabSession(mode: mode).perform())
        } catch let failure as LabFailure {
            result = .failure(failure)
        } catch {
            result = .failure(LabFailure(description: "\(error)"))
        }
        runs[mode] = result
        return try result.get()
    }

    static func prefix(for mode: LabMode) -> String {
        let short: String
        switch mode {
        case .direct: short = "dir"
        case .vxlan: short = "vxl"
        case .ipip: short = "ipip"
        case .crosssubnet: short = "xsn"
        }
        return "cl-lab-\(short)-\(getpid())"
    }

    /// Runs Lab/lab.sh with `arguments`; throws unless it exits 0 in time.
    @discardableResult
    static func lab(_ arguments: [String], timeout: Double = 60) throws -> ProcessOutcome {
        let outcome = try ProcessRunner.run(
            "/bin/bash", [LabEnvironment.labScript] + arguments,
            environment: ["LAB_STATE_DIR": LabEnvironment.labState], timeout: timeout)
        if outcome.status != 0 || outcome.timedOut {
            throw LabFailure(description: "lab.sh \(arguments.joined(separator: " ")) failed (status \(outcome.status)"
                + "\(outcome.timedOut ? ", timed out" : "")): \(outcome.standardError)")
        }
        return outcome
    }

    /// Brings up a lab of `mode` as `prefix`, runs `body`, and tears the lab down on every path:
    /// after `body`, when it throws, and when `up` itself fails or times out halfway.
    static func withLab<Result>(_ mode: LabMode, prefix: String, _ body: () throws -> Result) throws -> Result {
        defer { _ = try? lab(["down", prefix]) }
        try lab(["up", mode.rawValue, prefix])
        return try body()
    }
}
