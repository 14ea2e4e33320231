import Foundation
import Testing

/// Runs `Scripts/make-release.sh` (a full static release build: minutes) only when asked.
@Suite(.serialized) struct ReleaseScriptTests {
    static let requested = ProcessInfo.processInfo.environment["CALICAP_RELEASE_TEST"] == "1"

    @Test(
        "make-release.sh builds a tarball whose binary loads no Swift library (only with CALICAP_RELEASE_TEST=1)",
        .enabled(if: requested, "set CALICAP_RELEASE_TEST=1 to run the release build"),
        .timeLimit(.minutes(30)))
    func releaseTarballHasTheBinaryManualCompletionsAndNoSwiftLibrary() throws {
        // Its own build folder: `swift test` holds .build's lock while the tests run.
        let build = try run(
            "/bin/bash", [PackageDirectory.url.appending(path: "Scripts/make-release.sh").path],
            environment: ["CALICAP_RELEASE_SCRATCH_PATH": PackageDirectory.url.appending(path: ".build-release").path])
        #expect(build.status == 0, "make-release.sh failed: \(build.output.suffix(2000))")
        guard build.status == 0 else { return }

        let tarballLine = try #require(
            build.output.split(separator: "\n").last { $0.hasPrefix("tarball: ") }.map(String.init))
        let tarballPath = try #require(tarballLine.split(separator: " ").dropFirst().first.map(String.init))
        let tarballName = URL(fileURLWithPath: tarballPath).lastPathComponent
        let machine = try run("/usr/bin/uname", ["-m"]).output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(tarballName.hasPrefix("calicap-") && tarballName.hasSuffix("-linux-\(machine).tar.gz"))
        let top = String(tarballName.dropLast(".tar.gz".count))

        let listing = try run("/usr/bin/tar", ["-tzf", tarballPath])
        #expect(listing.status == 0)
        let entries = Set(listing.output.split(separator: "\n").map(String.init))
        for file in ["calicap", "calicap.1", "README.md", "INSTALL",
                     "completions/calicap.bash", "completions/_calicap", "completions/calicap.fish"] {
            #expect(entries.contains("\(top)/\(file)"), "\(file) missing from \(entries.sorted())")
        }

        let unpacked = FileManager.default.temporaryDirectory.appending(path: "calicap-release-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: unpacked, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: unpacked) }
        #expect(try run("/usr/bin/tar", ["-xzf", tarballPath, "-C", unpacked.path]).status == 0)
        let binary = unpacked.appending(path: "\(top)/calicap").path

        let libraries = try run("/usr/bin/ldd", [binary])
        #expect(libraries.status == 0)
        for forbidden in ["libswift", "libFoundation", "lib_FoundationICU", "libdispatch", "not found"] {
            #expect(!libraries.output.contains(forbidden), "ldd shows \(forbidden):\n\(libraries.output)")
        }
        #expect(libraries.output.contains("libpcap"))

        let printedVersion = try run(binary, ["--version"])
        #expect(printedVersion.status == 0)
        #expect(top == "calicap-\(printedVersion.output.trimmingCharacters(in: .whitespacesAndNewlines))-linux-\(machine)")
        let manual = try run("/usr/bin/man", ["-l", unpacked.appending(path: "\(top)/calicap.1").path])
        #expect(manual.status == 0 && manual.output.contains("calicap"))
    }
}

struct ProcessResult {
    let status: Int32
    let output: String
}

/// Runs a program to its end, standard output and error together.
func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> ProcessResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(["MANWIDTH": "80", "MANPAGER": "cat", "PAGER": "cat"]) { _, new in new }
        .merging(environment) { _, new in new }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ProcessResult(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
}
