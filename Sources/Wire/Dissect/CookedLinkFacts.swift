/// The fields of a Linux cooked capture header (SLL or SLL2) that tell interfaces apart.
public struct CookedLinkFacts: Sendable, Hashable {
    /// The ARPHRD_* hardware type of the interface.
    public var addressType: UInt16
    /// PACKET_HOST, PACKET_OUTGOING, … (the low byte of SLL's 16-bit field).
    public var packetType: UInt8
    /// The interface index (SLL2 only).
    public var interfaceIndex: UInt32?

    public init(addressType: UInt16, packetType: UInt8, interfaceIndex: UInt32? = nil) {
        self.addressType = addressType
        self.packetType = packetType
        self.interfaceIndex = interfaceIndex
    }
}
