import CalicapTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A network namespace of its own for the live error cases, deleted on every path.
enum ScratchNamespace {
    /// A namespace with lo and a veth pair eth0/eth1 (up, no IPv6), for the error cases.
    static func with(_ body: (String) throws -> Void) throws {
        _ = LabEnvironment.cleanedStaleLabs
        let namespace = "cl-lab-err-\(getpid())"
        _ = try? ProcessRunner.run(LabEnvironment.ip, ["netns", "del", namespace])
        defer { _ = try? ProcessRunner.run(LabEnvironment.ip, ["netns", "del", namespace]) }
        for arguments in [
            ["netns", "add", namespace],
            ["netns", "exec", namespace, "sh", "-c",
             "echo 1 > /proc/sys/net/ipv6/conf/all/disable_ipv6; echo 1 > /proc/sys/net/ipv6/conf/default/disable_ipv6"],
            ["-n", namespace, "link", "set", "lo", "up"],
            ["-n", namespace, "link", "add", "eth0", "type", "veth", "peer", "name", "eth1"],
            ["-n", namespace, "link", "set", "eth0", "up"],
            ["-n", namespace, "link", "set", "eth1", "up"],
        ] {
            let outcome = try ProcessRunner.run(LabEnvironment.ip, arguments)
            let status = outcome.status, errors = outcome.standardError
            try #require(status == 0, "ip \(arguments.joined(separator: " ")): \(errors)")
        }
        try body(namespace)
    }
}
