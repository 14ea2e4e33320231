import Wire

/// Identifies the fragments of one IP datagram (RFC 791 / RFC 8200).
struct FragmentKey: Hashable {
    var source: IPAddress
    var destination: IPAddress
    var protocolNumber: IPProtocol
    var identification: UInt32
}
