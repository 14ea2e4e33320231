/// Builds well-formed packets for the tests (checksums are left zero: calicap does not check them).
enum Packets {
    static let clientMAC: [UInt8] = [0x02, 0, 0, 0, 0, 1]
    static let serverMAC: [UInt8] = [0x02, 0, 0, 0, 0, 2]

    static func ethernet(_ payload: [UInt8], etherType: UInt16 = 0x0800) -> [UInt8] {
        serverMAC + clientMAC + be16(etherType) + payload
    }

    static func be16(_ value: UInt16) -> [UInt8] { [UInt8(value >> 8), UInt8(value & 0xff)] }
    static func be32(_ value: UInt32) -> [UInt8] { be16(UInt16(value >> 16)) + be16(UInt16(value & 0xffff)) }

    /// An IPv4 header (no options) and `payload`; `total` overrides the total length.
    static func ipv4(
        source: UInt32, destination: UInt32, protocolNumber: UInt8, payload: [UInt8], identification: UInt16 = 1,
        fragmentOffset8: UInt16 = 0, moreFragments: Bool = false, total: UInt16? = nil
    ) -> [UInt8] {
        let length = total ?? UInt16(truncatingIfNeeded: 20 + payload.count)
        let flags = (moreFragments ? 0x2000 : 0) | (fragmentOffset8 & 0x1fff)
        return [0x45, 0] + be16(length) + be16(identification) + be16(flags) + [64, protocolNumber, 0, 0]
            + be32(source) + be32(destination) + payload
    }

    static func udp(sourcePort: UInt16, destinationPort: UInt16, payload: [UInt8] = []) -> [UInt8] {
        be16(sourcePort) + be16(destinationPort) + be16(UInt16(8 + payload.count)) + [0, 0] + payload
    }

    static func tcp(sourcePort: UInt16, destinationPort: UInt16, flags: UInt8 = 0x02, sequence: UInt32 = 1) -> [UInt8] {
        be16(sourcePort) + be16(destinationPort) + be32(sequence) + be32(0) + [0x50, flags] + be16(65535) + [0, 0, 0, 0]
    }

    /// An IPv4/UDP packet inside `depth` IPv4-in-IPv4 headers (10.0.0.x pods, 192.168.0.x nodes).
    static func nestedIPIP(depth: Int, sourcePort: UInt16 = 40000) -> [UInt8] {
        var packet = ipv4(
            source: 0x0A00_0001, destination: 0x0A00_0002, protocolNumber: 17,
            payload: udp(sourcePort: sourcePort, destinationPort: 53, payload: [1, 2, 3, 4]))
        for level in 0..<depth {
            packet = ipv4(
                source: 0xC0A8_0001 + UInt32(level) * 2, destination: 0xC0A8_0002 + UInt32(level) * 2,
                protocolNumber: 4, payload: packet)
        }
        return packet
    }

    /// A UDP packet of flow `index`: every index gives a distinct 5-tuple (addresses and ports vary).
    static func flowPacket(_ index: Int, payload: [UInt8] = [0, 1, 2, 3]) -> [UInt8] {
        let value = UInt32(truncatingIfNeeded: index)
        return ipv4(
            source: 0x0A00_0000 | (value >> 16), destination: 0x0A80_0000 | (value & 0x0f),
            protocolNumber: 17,
            payload: udp(sourcePort: UInt16(truncatingIfNeeded: value), destinationPort: 5000 + UInt16((value >> 4) & 0xfff), payload: payload))
    }
}
