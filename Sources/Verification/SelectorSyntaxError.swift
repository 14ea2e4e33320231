/// A selector that cannot be read.
public struct SelectorSyntaxError: Error, Sendable, Hashable {
    public var text: String
    public var reason: String
}
