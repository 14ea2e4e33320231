#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A local user to switch to after the capture devices are open (tcpdump's `-Z USER`).
public struct UserAccount: Sendable, Hashable {
    public var name: String
    public var userID: uid_t
    public var groupID: gid_t

    public enum SwitchError: Error, Sendable, Hashable, CustomStringConvertible {
        case unknownUser(String)
        case failed(user: String, step: String, reason: String)

        public var description: String {
            switch self {
            case .unknownUser(let name): "-Z: unknown user '\(name)'"
            case .failed(let user, let step, let reason): "-Z \(user): \(step) failed: \(reason)"
            }
        }
    }

    /// Looks the user up in the password database (a name, or a numeric user ID).
    public static func lookup(_ name: String) throws(SwitchError) -> UserAccount {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16_384)
        let status = getpwnam_r(name, &entry, &buffer, buffer.count, &result)
        if status == 0, let found = result?.pointee {
            return UserAccount(name: name, userID: found.pw_uid, groupID: found.pw_gid)
        }
        if let number = UInt32(name) {
            let byID = getpwuid_r(number, &entry, &buffer, buffer.count, &result)
            if byID == 0, let found = result?.pointee {
                return UserAccount(name: name, userID: found.pw_uid, groupID: found.pw_gid)
            }
        }
        throw .unknownUser(name)
    }

    /// Whether this process can switch users (it runs as root).
    public static var isPrivileged: Bool { geteuid() == 0 || getuid() == 0 }

    /// Drops every supplementary group, then sets the group and user IDs (in that order, as the
    /// user ID change removes the right to change groups). Verifies root cannot be regained.
    public func switchTo() throws(SwitchError) {
        var groups = [groupID]
        if setgroups(1, &groups) != 0 { throw .failed(user: name, step: "setgroups", reason: Self.reason()) }
        if setgid(groupID) != 0 { throw .failed(user: name, step: "setgid", reason: Self.reason()) }
        if setuid(userID) != 0 { throw .failed(user: name, step: "setuid", reason: Self.reason()) }
        if userID != 0 && setuid(0) == 0 {
            throw .failed(user: name, step: "setuid", reason: "root privileges could be regained")
        }
    }

    static func reason() -> String {
        guard let text = strerror(errno) else { return "error \(errno)" }
        return String(cString: text)
    }
}
