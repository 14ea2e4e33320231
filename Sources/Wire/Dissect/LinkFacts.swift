/// The link header of the capture: Ethernet addresses and VLAN, or a Linux cooked header.
public struct LinkFacts: Sendable, Hashable {
    /// Outermost Ethernet source; for cooked captures the sender's address, when it is a MAC.
    public var sourceMAC: MACAddress?
    /// Outermost Ethernet destination (Ethernet captures only).
    public var destinationMAC: MACAddress?
    /// The outermost VLAN identifier, if tagged.
    public var vlan: UInt16?
    /// The Linux cooked capture fields (SLL, SLL2); nil for other link types.
    public var cooked: CookedLinkFacts?

    public init(
        sourceMAC: MACAddress? = nil, destinationMAC: MACAddress? = nil, vlan: UInt16? = nil,
        cooked: CookedLinkFacts? = nil
    ) {
        self.sourceMAC = sourceMAC
        self.destinationMAC = destinationMAC
        self.vlan = vlan
        self.cooked = cooked
    }
}
