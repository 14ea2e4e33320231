/// pcapng encoding (draft-ietf-opsawg-pcapng): blocks in the host's byte order, each padded to
/// 32 bits and framed by its total length at both ends.
extension CaptureFileWriter {
    enum BlockType {
        static let sectionHeader: UInt32 = 0x0A0D_0D0A
        static let interfaceDescription: UInt32 = 1
        static let enhancedPacket: UInt32 = 6
    }

    enum OptionCode {
        static let endOfOptions: UInt16 = 0
        static let sectionUserApplication: UInt16 = 4
        static let interfaceName: UInt16 = 2
        static let interfaceDescription: UInt16 = 3
        static let interfaceTimestampResolution: UInt16 = 9
    }

    /// Every interface is written with if_tsresol 9: timestamps are nanoseconds.
    static let pcapngTimestampResolution: UInt8 = 9

    static func padded(_ count: Int) -> Int { (count + 3) & ~3 }

    static func optionLength(_ valueLength: Int) -> Int { 4 + padded(valueLength) }

    func appendOption(_ code: UInt16, _ value: [UInt8]) {
        append(code)
        append(UInt16(clamping: value.count))
        buffer.append(contentsOf: value)
        byteCount += value.count
        appendZeros(Self.padded(value.count) - value.count)
    }

    /// Option text, cut to what an option can hold.
    static func optionBytes(_ text: String) -> [UInt8] {
        Array(text.utf8.prefix(0xFFF0))
    }

    func appendSectionHeader(application: String?) {
        let userApplication = application.map(Self.optionBytes)
        var length = 28
        if let userApplication { length += Self.optionLength(userApplication.count) + 4 }
        append(BlockType.sectionHeader)
        append(UInt32(length))
        append(UInt32(0x1A2B_3C4D))  // byte-order magic
        append(UInt16(1))  // version 1.0
        append(UInt16(0))
        append(Int64(-1))  // section length not given
        if let userApplication {
            appendOption(OptionCode.sectionUserApplication, userApplication)
            appendOption(OptionCode.endOfOptions, [])
        }
        append(UInt32(length))
    }

    func appendInterfaceDescription(_ interface: CaptureInterface) {
        let name = interface.name.map(Self.optionBytes)
        let description = interface.description.map(Self.optionBytes)
        var length = 20 + Self.optionLength(1) + 4
        if let name { length += Self.optionLength(name.count) }
        if let description { length += Self.optionLength(description.count) }
        append(BlockType.interfaceDescription)
        append(UInt32(length))
        append(UInt16(truncatingIfNeeded: interface.linkType.rawValue))
        append(UInt16(0))  // reserved
        append(UInt32(clamping: max(interface.snapLength, 0)))
        if let name { appendOption(OptionCode.interfaceName, name) }
        if let description { appendOption(OptionCode.interfaceDescription, description) }
        appendOption(OptionCode.interfaceTimestampResolution, [Self.pcapngTimestampResolution])
        appendOption(OptionCode.endOfOptions, [])
        append(UInt32(length))
    }

    func appendEnhancedPacket(
        interfaceIndex: Int, timestamp: Int64, original: Int, body: UnsafeRawBufferPointer
    ) throws(CaptureFileWriterError) {
        let padding = Self.padded(body.count) - body.count
        let length = 32 + body.count + padding
        let ticks = UInt64(max(timestamp, 0))
        try reserve(28)
        append(BlockType.enhancedPacket)
        append(UInt32(length))
        append(UInt32(interfaceIndex))
        append(UInt32(truncatingIfNeeded: ticks >> 32))
        append(UInt32(truncatingIfNeeded: ticks))
        append(UInt32(body.count))
        append(UInt32(clamping: original))
        try appendPayload(body)
        try reserve(padding + 4)
        appendZeros(padding)
        append(UInt32(length))
    }
}
