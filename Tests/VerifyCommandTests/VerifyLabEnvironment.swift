import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Whether the namespace lab can run here: root, `ip`, python3 and /dev/net/tun.
enum VerifyLabEnvironment {
    static let ip: String? = ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip"].first { FileManager.default.isExecutableFile(atPath: $0) }

    static let hasPython: Bool = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/python3") }
    }()

    static let hasLab: Bool = getuid() == 0 && ip != nil && hasPython && FileManager.default.fileExists(atPath: "/dev/net/tun")
}
