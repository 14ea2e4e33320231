/// The sender of an Ethernet/IPv4 ARP message: a host on the capture point's segment.
public struct ARPFacts: Sendable, Hashable {
    public var senderAddress: IPv4Address
    public var senderMAC: MACAddress

    public init(senderAddress: IPv4Address, senderMAC: MACAddress) {
        self.senderAddress = senderAddress
        self.senderMAC = senderMAC
    }
}
