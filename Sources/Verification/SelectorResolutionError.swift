/// A selector that names a pod or node the resolver cannot look up (no cluster file), or that
/// does not exist in the cluster files: a usage error, never a silent pass.
public struct SelectorResolutionError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var selector: String
    public var reason: String

    public var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        return "\(place): '\(selector)': \(reason)".replacingNewlines
    }
}
