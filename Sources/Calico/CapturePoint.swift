import Wire

/// One place packets were captured: a file's interface, or one interface inside a `-i any`
/// capture (an SLL2 interface index). Flows record which capture points saw them.
public struct CapturePoint: Sendable {
    public var id: Int
    /// Which capture (file and pcapng interface) this point belongs to. Points of one `-i any`
    /// capture share it: they are the interfaces of one node.
    public var captureIndex: Int
    /// The interface name from the file (pcapng), `--captured-on`, or nil.
    public var interfaceName: String?
    public var linkType: LinkType
    /// SLL2 interface index, or SLL/SLL2 ARPHRD type, when the point is part of a cooked capture.
    public var cookedInterfaceIndex: UInt32?
    public var cookedAddressType: UInt16?
    public var statistics = CapturePointStatistics()
    /// Filled by `CapturePointClassifier`.
    public var role: CapturePointRole = .unknown
    /// Whether the role was inferred from the packets rather than named.
    public var roleAssumed = true
    /// Why the role was chosen, in words.
    public var roleReason = ""

    public init(
        id: Int, captureIndex: Int, interfaceName: String?, linkType: LinkType,
        cookedInterfaceIndex: UInt32? = nil, cookedAddressType: UInt16? = nil
    ) {
        self.id = id
        self.captureIndex = captureIndex
        self.interfaceName = interfaceName
        self.linkType = linkType
        self.cookedInterfaceIndex = cookedInterfaceIndex
        self.cookedAddressType = cookedAddressType
    }
}
