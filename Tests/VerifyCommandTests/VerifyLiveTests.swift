import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `calicap verify -i eth0 --duration N` in the namespace lab (Tests/LiveCaptureTests/Lab/lab.sh,
/// VXLAN mode): capture on node a while the lab's traffic runs, then judge. Root only.
@Suite(.serialized, .enabled(if: VerifyLabEnvironment.hasLab, "needs root, ip, python3 and /dev/net/tun"))
struct VerifyLiveTests {
    typealias Run = VerifyRunner
    static let labScript = Run.repository.appendingPathComponent("Tests/LiveCaptureTests/Lab/lab.sh").path
    static let prefix = "cl-vfy-\(getpid())"
    static let ip = URL(fileURLWithPath: VerifyLabEnvironment.ip ?? "/usr/sbin/ip")
    static let bash = URL(fileURLWithPath: "/bin/bash")

    @Test("live: capture during the lab's traffic, then judge (0); the kept file judged wrongly fails (1)")
    func liveVerify() throws {
        _ = try Run.run([Self.labScript, "down", Self.prefix], executable: Self.bash)
        let up = try Run.run([Self.labScript, "up", "vxlan", Self.prefix], executable: Self.bash, timeout: 60)
        defer { _ = try? Run.run([Self.labScript, "down", Self.prefix], executable: Self.bash) }
        try #require(up.status == 0, "lab.sh up: \(up.standardError)")
        let folder = try Run.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let kept = folder.appendingPathComponent("live.pcapng").path
        let junit = folder.appendingPathComponent("junit.xml").path
        let errorFile = folder.appendingPathComponent("stderr.txt")
        let outputFile = folder.appendingPathComponent("stdout.txt")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)

        let process = Process()
        process.executableURL = Self.ip
        process.arguments = ["netns", "exec", "\(Self.prefix)-a", Run.executable.path, "verify",
                             "--expect-mode", "vxlan", "--expect-pool", "vxlanMode=Always,ipipMode=Never",
                             "--min-pod-flows", "10", "--no-unanswered",
                             "-i", "eth0", "--duration", "10", "-w", kept, "--junit", junit]
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        process.standardInput = FileHandle.nullDevice
        var empty = sigset_t()
        var previous = sigset_t()
        sigemptyset(&empty)
        pthread_sigmask(SIG_SETMASK, &empty, &previous)
        try process.run()
        pthread_sigmask(SIG_SETMASK, &previous, nil)
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline, process.isRunning,
            !((try? String(contentsOf: errorFile, encoding: .utf8)) ?? "").contains("listening on") {
            usleep(20_000)
        }
        let traffic = try Run.run([Self.labScript, "traffic", Self.prefix], executable: Self.bash, timeout: 60)
        #expect(traffic.status == 0, "lab.sh traffic: \(traffic.standardError)")
        let end = Date().addingTimeInterval(40)
        while process.isRunning && Date() < end { usleep(50_000) }
        #expect(!process.isRunning, "verify did not end after --duration")
        process.waitUntilExit()
        let output = (try? String(contentsOf: outputFile, encoding: .utf8)) ?? ""
        let errors = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
        #expect(process.terminationStatus == 0, "\(output)\(errors)")
        #expect(output.contains("calicap verify: live capture on eth0"))
        #expect(output.contains("Result: PASS, 5 of 5 expectations hold"), "\(output)")
        #expect(FileManager.default.fileExists(atPath: junit))

        let wrong = try Run.run(["verify", "--expect-mode", "ipip", kept])
        #expect(wrong.status == 1, "\(wrong.standardOutput)")
    }

    @Test("live: no such interface is exit 3 before any verdict")
    func noSuchInterface() throws {
        let outcome = try Run.run(["verify", "--expect-mode", "vxlan", "-i", "nosuchdev0", "--duration", "1"])
        #expect(outcome.status == 3)
        #expect(outcome.standardOutput.isEmpty)
    }
}
