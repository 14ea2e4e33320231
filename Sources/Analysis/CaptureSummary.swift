import Calico
import Wire

/// One capture: a file, or one interface of a pcapng file.
public struct CaptureSummary: Sendable {
    /// The file name as given ("stdin" for "-").
    public var source: String
    public var linkType: LinkType
    /// The interface name the file gives, `--captured-on`, or the one assumed from the packets.
    public var interface: String?
    /// Whether `interface` was inferred rather than read from the file or the command line.
    public var interfaceAssumed: Bool
    /// Why that interface was assumed, in words.
    public var interfaceReason: String?
    public var packets: Int
    public var firstSeen: Int64?
    public var lastSeen: Int64?
    /// Capture points inside it (several for `-i any`).
    public var capturePoints: [Int]
}
