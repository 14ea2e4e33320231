/// What the outer UDP checksum of a UDP tunnel packet (VXLAN) says.
public enum OuterChecksum: UInt8, Sendable, Hashable {
    /// Zero: no checksum (Linux VXLAN over IPv4 sends none by default), or not a UDP tunnel.
    case absent
    /// Present and right.
    case valid
    /// Holds only the pseudo-header sum: the sender's stack left it for the NIC to finish
    /// (partial checksum offload). Normal on the sender's own capture.
    case unfinished
    /// Present and wrong: a receiver drops the packet.
    case wrong
    /// Not checked: the datagram was cut by the snapshot length, or its length field is 0.
    case unverified
}
