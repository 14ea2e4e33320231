/// A node whose capture failed: not allowed, image not pullable, node gone, kubectl gone.
public struct NodeCaptureFailure: Sendable, Equatable, CustomStringConvertible {
    public var node: String
    public var interface: String
    /// kubectl's message (its stderr), or what was wrong with the stream.
    public var message: String
    /// The capture ran for a while before it failed (its packets are in the report).
    public var capturedBeforeFailing: Bool

    public init(node: String, interface: String, message: String, capturedBeforeFailing: Bool) {
        self.node = node
        self.interface = interface
        self.message = message
        self.capturedBeforeFailing = capturedBeforeFailing
    }

    public var description: String {
        "node \(node) (\(interface)): " + (capturedBeforeFailing ? "capture ended early: " : "capture failed: ") + message
    }
}
