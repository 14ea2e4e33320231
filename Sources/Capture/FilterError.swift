/// A BPF filter expression libpcap could not compile.
public struct FilterError: Error, Sendable, Hashable, CustomStringConvertible {
    public var expression: String
    public var message: String

    public var description: String { "bad filter expression '\(expression)': \(message)" }
}
