import Wire

extension IPAddress {
    /// Whether a pod could have this address: a unicast, routable one. Multicast (an IPv6
    /// neighbour solicitation's solicited-node group), broadcast, unspecified, loopback and
    /// link-local addresses name no pod, whatever packet they appear in.
    public var canBePod: Bool {
        switch self {
        case .v4(let address):
            let first = address.rawValue >> 24
            let linkLocal = address.rawValue >> 16 == 0xA9FE
            return first != 0 && first != 127 && first < 224 && !linkLocal
        case .v6(let address):
            let multicast = address.high >> 56 == 0xFF
            let linkLocal = address.high >> 54 == 0x3FA  // fe80::/10
            let special = address.high == 0 && address.low <= 1  // :: and ::1
            return !multicast && !linkLocal && !special
        }
    }
}
