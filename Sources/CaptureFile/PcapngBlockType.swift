/// pcapng block type numbers (https://www.ietf.org/archive/id/draft-ietf-opsawg-pcapng-03.html).
enum PcapngBlockType {
    static let sectionHeader: UInt32 = 0x0A0D_0D0A
    static let interfaceDescription: UInt32 = 1
    /// The obsolete Packet Block.
    static let packet: UInt32 = 2
    static let simplePacket: UInt32 = 3
    static let enhancedPacket: UInt32 = 6

    /// The Section Header Block's byte-order magic as read big-endian from a big-endian section.
    static let byteOrderMagic: UInt32 = 0x1A2B_3C4D
    static let byteOrderMagicSwapped: UInt32 = 0x4D3C_2B1A

    /// Interface Description Block option codes.
    static let optionEnd: UInt16 = 0
    static let optionInterfaceName: UInt16 = 2
    static let optionInterfaceDescription: UInt16 = 3
    static let optionTimestampResolution: UInt16 = 9
    static let optionTimestampOffset: UInt16 = 14

    /// Minimum total lengths: fixed fields plus the 8-byte header and the 4-byte trailer.
    static let minimumSectionHeaderLength = 28
    static let minimumInterfaceDescriptionLength = 20
    static let minimumEnhancedPacketLength = 32
    static let minimumSimplePacketLength = 16
}
