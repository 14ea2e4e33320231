import Wire

/// Emits packet headers for tests (the smoltcp construct/emit side), so that frames are composed
/// from parts instead of collected as opaque blobs: `ethernet(…, payload: ipv4(…, payload: udp(…)))`.
///
/// Every emitter takes its payload and returns header + payload. Lengths (IPv4 total length and
/// IHL, IPv6 payload length, UDP length) are computed unless a test overrides them to build a
/// malformed or offloaded packet. The IPv4 header checksum is computed (so hexdumps open cleanly
/// in Wireshark); transport checksums are left zero, which the dissector never checks.
/// Test-only: nothing here validates its input.
enum FrameBuilder {
    // MARK: Byte helpers

    static func be16(_ value: UInt16) -> [UInt8] {
        [UInt8(value >> 8), UInt8(value & 0xff)]
    }

    static func be32(_ value: UInt32) -> [UInt8] {
        be16(UInt16(value >> 16)) + be16(UInt16(value & 0xffff))
    }

    static func le32(_ value: UInt32) -> [UInt8] {
        be32(value).reversed()
    }

    static func le64(_ value: UInt64) -> [UInt8] {
        le32(UInt32(value & 0xffff_ffff)) + le32(UInt32(value >> 32))
    }

    static func bytes(_ address: IPv4Address) -> [UInt8] { be32(address.rawValue) }

    static func bytes(_ address: IPv6Address) -> [UInt8] {
        be32(UInt32(address.high >> 32)) + be32(UInt32(address.high & 0xffff_ffff))
            + be32(UInt32(address.low >> 32)) + be32(UInt32(address.low & 0xffff_ffff))
    }

    static func bytes(_ address: MACAddress) -> [UInt8] {
        (0..<6).map { UInt8(truncatingIfNeeded: address.rawValue >> UInt64(40 - 8 * $0)) }
    }

    /// `0x66…` style literal for readability: `mac(0x66_00_00_00_00_01)`.
    static func mac(_ value: UInt64) -> MACAddress { MACAddress(rawValue: value) }

    static func v4(_ text: String) -> IPv4Address {
        guard let address = IPv4Address(text) else { preconditionFailure("bad IPv4 literal \(text)") }
        return address
    }

    static func v6(_ text: String) -> IPv6Address {
        guard let address = IPv6Address(text) else { preconditionFailure("bad IPv6 literal \(text)") }
        return address
    }

    // MARK: Link layer

    /// A VLAN tag: TPID (0x8100 802.1Q, 0x88a8 802.1ad) and the 12-bit VLAN id (PCP/DEI zero).
    struct VLANTag {
        var tpid: UInt16 = 0x8100
        var identifier: UInt16
    }

    /// Ethernet II (IEEE 802.3):
    /// ```
    /// | destination MAC (6) | source MAC (6) | [TPID (2) | TCI (2)]* | EtherType (2) | payload |
    /// ```
    /// `padTo` appends zero-or-more padding bytes (`padByte`) up to a frame length, as a NIC pads
    /// frames shorter than 60 bytes.
    static func ethernet(
        destination: MACAddress = MACAddress(rawValue: 0x02_00_00_00_00_02),
        source: MACAddress = MACAddress(rawValue: 0x02_00_00_00_00_01),
        tags: [VLANTag] = [], etherType: EtherType, payload: [UInt8], padTo: Int = 0, padByte: UInt8 = 0
    ) -> [UInt8] {
        var frame = bytes(destination) + bytes(source)
        for tag in tags {
            frame += be16(tag.tpid) + be16(tag.identifier & 0x0fff)
        }
        frame += be16(etherType.rawValue) + payload
        if frame.count < padTo {
            frame += [UInt8](repeating: padByte, count: padTo - frame.count)
        }
        return frame
    }

    /// Linux cooked capture v1 (LINKTYPE_LINUX_SLL, 16 bytes):
    /// ```
    /// | packet type (2) | ARPHRD (2) | address length (2) | address (8, zero-padded) | protocol (2) |
    /// ```
    static func sll(
        packetType: UInt16 = 0, addressType: UInt16 = 1, address: [UInt8], protocolType: EtherType,
        payload: [UInt8]
    ) -> [UInt8] {
        let padded = Array((address + [UInt8](repeating: 0, count: 8)).prefix(8))
        return be16(packetType) + be16(addressType) + be16(UInt16(address.count)) + padded
            + be16(protocolType.rawValue) + payload
    }

    /// Linux cooked capture v2 (LINKTYPE_LINUX_SLL2, 20 bytes):
    /// ```
    /// | protocol (2) | reserved (2) | ifindex (4) | ARPHRD (2) | packet type (1) | addr len (1) | address (8) |
    /// ```
    static func sll2(
        protocolType: EtherType, interfaceIndex: UInt32, addressType: UInt16 = 1, packetType: UInt8 = 0,
        address: [UInt8], payload: [UInt8]
    ) -> [UInt8] {
        let padded = Array((address + [UInt8](repeating: 0, count: 8)).prefix(8))
        return be16(protocolType.rawValue) + [0, 0] + be32(interfaceIndex) + be16(addressType)
            + [packetType, UInt8(address.count)] + padded + payload
    }

    /// BSD loopback (LINKTYPE_NULL / LINKTYPE_LOOP): a 4-byte address family in the writer's
    /// byte order (NULL) or big-endian (LOOP).
    static func loopback(family: UInt32, bigEndian: Bool, payload: [UInt8]) -> [UInt8] {
        (bigEndian ? be32(family) : le32(family)) + payload
    }

    /// ARP for IPv4 over Ethernet (RFC 826), 28 bytes:
    /// ```
    /// | hardware 1 (2) | protocol 0x0800 (2) | hlen 6 | plen 4 | operation (2) |
    /// | sender MAC (6) | sender IPv4 (4) | target MAC (6) | target IPv4 (4) |
    /// ```
    static func arp(
        operation: UInt16 = 1, senderMAC: MACAddress, senderAddress: IPv4Address,
        targetMAC: MACAddress = .zero, targetAddress: IPv4Address
    ) -> [UInt8] {
        be16(1) + be16(0x0800) + [6, 4] + be16(operation) + bytes(senderMAC) + bytes(senderAddress)
            + bytes(targetMAC) + bytes(targetAddress)
    }

    // MARK: Network layer

    /// IPv4 (RFC 791), 20 bytes without options:
    /// ```
    /// | ver 4 | IHL 5 | DSCP/ECN | total length (2) |
    /// | identification (2)       | flags (3) | fragment offset (13, 8-byte units) |
    /// | TTL | protocol | header checksum (2) |
    /// | source (4) | destination (4) |
    /// ```
    /// `fragmentOffset` is in bytes (a multiple of 8). `totalLength` overrides the computed
    /// length (0 for TSO, or a larger value to simulate a snaplen cut in the bytes that follow).
    static func ipv4(
        source: IPv4Address, destination: IPv4Address, protocolNumber: IPProtocol,
        identification: UInt16 = 0x1234, dontFragment: Bool = true, moreFragments: Bool = false,
        fragmentOffset: Int = 0, timeToLive: UInt8 = 64, totalLength: Int? = nil, payload: [UInt8]
    ) -> [UInt8] {
        let length = totalLength ?? 20 + payload.count
        var flags = UInt16(fragmentOffset / 8) & 0x1fff
        if dontFragment { flags |= 0x4000 }
        if moreFragments { flags |= 0x2000 }
        var header = [0x45, 0x00] + be16(UInt16(length)) + be16(identification) + be16(flags)
        header += [timeToLive, protocolNumber.rawValue, 0, 0] + bytes(source) + bytes(destination)
        let checksum = internetChecksum(header)
        header[10] = UInt8(checksum >> 8)
        header[11] = UInt8(checksum & 0xff)
        return header + payload
    }

    /// The RFC 1071 one's-complement sum, for the IPv4 header checksum.
    static func internetChecksum(_ data: [UInt8]) -> UInt16 {
        var sum: UInt32 = 0
        var index = 0
        while index + 1 < data.count {
            sum += UInt32(data[index]) << 8 | UInt32(data[index + 1])
            index += 2
        }
        if index < data.count { sum += UInt32(data[index]) << 8 }
        while sum >> 16 != 0 { sum = (sum & 0xffff) + (sum >> 16) }
        return ~UInt16(sum)
    }

    /// IPv6 (RFC 8200), 40 bytes:
    /// ```
    /// | ver 6 | traffic class (8) | flow label (20) |
    /// | payload length (2) | next header (1) | hop limit (1) |
    /// | source (16) | destination (16) |
    /// ```
    /// Extension headers are part of `payload` (see `ipv6HopByHop`, `ipv6Fragment`).
    static func ipv6(
        source: IPv6Address, destination: IPv6Address, nextHeader: IPProtocol, hopLimit: UInt8 = 64,
        flowLabel: UInt32 = 0, payloadLength: Int? = nil, payload: [UInt8]
    ) -> [UInt8] {
        let length = payloadLength ?? payload.count
        return be32(0x6000_0000 | flowLabel & 0x000f_ffff) + be16(UInt16(length)) + [nextHeader.rawValue, hopLimit]
            + bytes(source) + bytes(destination) + payload
    }

    /// IPv6 hop-by-hop options (RFC 8200 §4.3), 8 bytes: next header, length 0 (= 8 bytes), and a
    /// PadN option filling the remaining 6 bytes.
    static func ipv6HopByHop(nextHeader: IPProtocol, payload: [UInt8]) -> [UInt8] {
        [nextHeader.rawValue, 0, 0x01, 0x04, 0, 0, 0, 0] + payload
    }

    /// IPv6 fragment header (RFC 8200 §4.5), 8 bytes:
    /// ```
    /// | next header | reserved | fragment offset (13, 8-byte units) | res (2) | M |
    /// | identification (4) |
    /// ```
    /// `offset` is in bytes (a multiple of 8).
    static func ipv6Fragment(
        nextHeader: IPProtocol, offset: Int, moreFragments: Bool, identification: UInt32, payload: [UInt8]
    ) -> [UInt8] {
        let offsetFlags = UInt16(offset) & 0xfff8 | (moreFragments ? 1 : 0)
        return [nextHeader.rawValue, 0] + be16(offsetFlags) + be32(identification) + payload
    }

    // MARK: Transport layer

    /// UDP (RFC 768), 8 bytes: | source port | destination port | length | checksum (0: none) |
    static func udp(sourcePort: UInt16, destinationPort: UInt16, length: Int? = nil, payload: [UInt8]) -> [UInt8] {
        be16(sourcePort) + be16(destinationPort) + be16(UInt16(length ?? 8 + payload.count)) + [0, 0] + payload
    }

    /// TCP (RFC 9293), 20 bytes without options:
    /// ```
    /// | source port | destination port | sequence (4) | acknowledgment (4) |
    /// | data offset (4) | reserved (3) | flags (9) | window (2) | checksum (2) | urgent (2) |
    /// ```
    static func tcp(
        sourcePort: UInt16, destinationPort: UInt16, sequence: UInt32 = 1000, acknowledgment: UInt32 = 0,
        flags: TCPFlags, window: UInt16 = 64240, payload: [UInt8] = []
    ) -> [UInt8] {
        let offsetFlags: UInt16 = 5 << 12 | flags.rawValue & 0x01ff
        return be16(sourcePort) + be16(destinationPort) + be32(sequence) + be32(acknowledgment)
            + be16(offsetFlags) + be16(window) + [0, 0, 0, 0] + payload
    }

    /// ICMP echo (RFC 792), 8 bytes: | type 8 request / 0 reply | code 0 | checksum | identifier | sequence |
    static func icmpEcho(request: Bool, identifier: UInt16, sequence: UInt16, payload: [UInt8] = []) -> [UInt8] {
        [request ? 8 : 0, 0, 0, 0] + be16(identifier) + be16(sequence) + payload
    }

    /// ICMP error (RFC 792), 8 bytes then the quoted packet (IP header + at least 8 bytes):
    /// | type (3 unreachable, 11 time exceeded) | code | checksum | unused (4) | quoted packet |
    static func icmpError(type: UInt8, code: UInt8, quoting quoted: [UInt8]) -> [UInt8] {
        [type, code, 0, 0, 0, 0, 0, 0] + quoted
    }

    /// ICMPv6 echo (RFC 4443 §4), 8 bytes: | type 128 request / 129 reply | code 0 | checksum | identifier | sequence |
    static func icmpv6Echo(request: Bool, identifier: UInt16, sequence: UInt16, payload: [UInt8] = []) -> [UInt8] {
        [request ? 128 : 129, 0, 0, 0] + be16(identifier) + be16(sequence) + payload
    }

    /// ICMPv6 error (RFC 4443 §3), 8 bytes then as much of the invoking packet as fits:
    /// | type (1 unreachable, 2 too big, 3 time exceeded, 4 parameter problem) | code | checksum | MTU/pointer/unused (4) |
    static func icmpv6Error(type: UInt8, code: UInt8, quoting quoted: [UInt8]) -> [UInt8] {
        [type, code, 0, 0, 0, 0, 0, 0] + quoted
    }

    // MARK: Tunnels

    /// VXLAN (RFC 7348), 8 bytes:
    /// ```
    /// | flags (R R R R I R R R) | reserved (3) | VNI (3) | reserved (1) |
    /// ```
    /// `reservedAfterVNI` sets the last byte, to build a header with reserved bits set.
    static func vxlan(vni: UInt32, flags: UInt8 = 0x08, reservedAfterVNI: UInt8 = 0, payload: [UInt8]) -> [UInt8] {
        [flags, 0, 0, 0, UInt8(vni >> 16 & 0xff), UInt8(vni >> 8 & 0xff), UInt8(vni & 0xff), reservedAfterVNI]
            + payload
    }

    /// Geneve (RFC 8926), 8 bytes + options:
    /// ```
    /// | ver (2) | opt len (6, 4-byte words) | O | C | reserved (6) | protocol type (2) |
    /// | VNI (3) | reserved (1) | options (opt len × 4) |
    /// ```
    static func geneve(
        vni: UInt32, protocolType: EtherType = .transparentEthernetBridging, optionWords: Int = 0,
        payload: [UInt8]
    ) -> [UInt8] {
        [UInt8(optionWords & 0x3f), 0] + be16(protocolType.rawValue)
            + [UInt8(vni >> 16 & 0xff), UInt8(vni >> 8 & 0xff), UInt8(vni & 0xff), 0]
            + [UInt8](repeating: 0, count: optionWords * 4) + payload
    }

    /// GRE (RFC 2784 / RFC 2890), 4 bytes + optional key:
    /// ```
    /// | C | R | K | S | reserved (9) | version (3) | protocol type (2) | [key (4) when K] |
    /// ```
    static func gre(protocolType: EtherType, key: UInt32? = nil, payload: [UInt8]) -> [UInt8] {
        let flags: UInt16 = key == nil ? 0 : 0x2000
        return be16(flags) + be16(protocolType.rawValue) + (key.map(be32) ?? []) + payload
    }

    /// WireGuard transport data (whitepaper §5.4.6), 16 bytes then the encrypted packet padded to
    /// 16-byte blocks plus the 16-byte Poly1305 tag:
    /// ```
    /// | type 4 | reserved (3, zero) | receiver index (4, LE) | counter (8, LE) | encrypted (16 × n) |
    /// ```
    static func wireguardTransport(receiver: UInt32, counter: UInt64, encryptedBlocks: Int = 2) -> [UInt8] {
        [4, 0, 0, 0] + le32(receiver) + le64(counter)
            + (0..<(16 * max(1, encryptedBlocks))).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
    }
}
