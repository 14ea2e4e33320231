import Foundation

/// The built `calicap` executable.
public enum CalicapExecutable {
    /// The executable beside the test bundle (`swift test` builds it into the same folder), else
    /// `.build/debug/calicap`.
    public static let path: String = {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [bundle.appendingPathComponent("calicap"), bundle.deletingLastPathComponent().appendingPathComponent("calicap")] {
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate.path }
        }
        return Fixtures.repository.appendingPathComponent(".build/debug/calicap").path
    }()

    public static var url: URL { URL(fileURLWithPath: path) }
}
