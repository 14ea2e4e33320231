/// Why a cluster capture could not start at all (exit status 3): kubectl missing, the node
/// listing refused, no node to capture.
public enum ClusterCaptureError: Error, Equatable, CustomStringConvertible {
    /// The executable could not be started.
    case cannotRun(executable: String, reason: String)
    /// A kubectl command failed; `message` is its stderr (or what was wrong with its output).
    case kubectlFailed(command: String, message: String)
    /// The node listing held no node (an empty cluster, or a selector that matches none).
    case noNodes(selector: String?)
    /// The -w directory could not be made.
    case cannotCreateDirectory(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotRun(let executable, let reason):
            return "cannot run \(executable): \(reason) (give kubectl's path with --kubectl)"
        case .kubectlFailed(let command, let message):
            return "\(command) failed: \(message)"
        case .noNodes(let selector?):
            return "no node matches the selector '\(selector)'"
        case .noNodes(nil):
            return "kubectl get nodes lists no node"
        case .cannotCreateDirectory(let path, let reason):
            return "cannot create the directory \(path): \(reason)"
        }
    }
}
