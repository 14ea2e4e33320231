/// Writes capture files byte by byte, damaged ones included: classic pcap and pcapng, either
/// byte order (the same idea as Tests/CaptureFileTests/CaptureBytes.swift, which this target
/// cannot import).
struct CaptureBuilder {
    var bytes: [UInt8] = []
    var bigEndian = false

    init(bigEndian: Bool = false) {
        self.bigEndian = bigEndian
    }

    mutating func append<T: FixedWidthInteger>(_ value: T) {
        let ordered = bigEndian ? value.bigEndian : value.littleEndian
        withUnsafeBytes(of: ordered) { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ raw: [UInt8]) {
        bytes.append(contentsOf: raw)
    }

    mutating func padToFour() {
        while bytes.count % 4 != 0 { bytes.append(0) }
    }

    // MARK: Classic pcap

    mutating func pcapHeader(
        magic: UInt32 = 0xA1B2_C3D4, versionMajor: UInt16 = 2, versionMinor: UInt16 = 4,
        snapLength: UInt32 = 65535, linkType: UInt32 = 1
    ) {
        append(magic)
        append(versionMajor)
        append(versionMinor)
        append(Int32(0))
        append(UInt32(0))
        append(snapLength)
        append(linkType)
    }

    /// A record; `capturedLength` overrides the stored caplen (the data is written as given).
    mutating func pcapRecord(
        seconds: UInt32 = 1_700_000_000, fraction: UInt32 = 0, data: [UInt8], capturedLength: UInt32? = nil,
        originalLength: UInt32? = nil
    ) {
        append(seconds)
        append(fraction)
        append(capturedLength ?? UInt32(data.count))
        append(originalLength ?? UInt32(data.count))
        append(data)
    }

    /// A complete pcap file of `packets` (Ethernet unless `linkType` says otherwise).
    static func pcap(_ packets: [[UInt8]], linkType: UInt32 = 1, snapLength: UInt32 = 65535) -> [UInt8] {
        var file = CaptureBuilder()
        file.pcapHeader(snapLength: snapLength, linkType: linkType)
        for (index, packet) in packets.enumerated() {
            file.pcapRecord(seconds: 1_700_000_000 + UInt32(index / 1000), fraction: UInt32(index % 1000) * 1000, data: packet)
        }
        return file.bytes
    }

    // MARK: pcapng

    struct Option {
        var code: UInt16
        var value: [UInt8]
        /// Overrides the stored length (to make an option run past its block).
        var declaredLength: UInt16?

        static func name(_ text: String) -> Option { Option(code: 2, value: Array(text.utf8)) }
        static func description(_ text: String) -> Option { Option(code: 3, value: Array(text.utf8)) }
    }

    func encoded(_ options: [Option]) -> [UInt8] {
        guard !options.isEmpty else { return [] }
        var body = CaptureBuilder(bigEndian: bigEndian)
        for option in options {
            body.append(option.code)
            body.append(option.declaredLength ?? UInt16(truncatingIfNeeded: option.value.count))
            body.append(option.value)
            body.padToFour()
        }
        body.append(UInt32(0))
        return body.bytes
    }

    /// A block with correct lengths: type, total length, body padded to 4, total length.
    mutating func block(type: UInt32, body: [UInt8]) {
        let total = UInt32(12 + (body.count + 3) & ~3)
        append(type)
        append(total)
        append(body)
        padToFour()
        append(total)
    }

    /// A block with arbitrary length fields.
    mutating func rawBlock(type: UInt32, totalLength: UInt32, body: [UInt8], trailer: UInt32?) {
        append(type)
        append(totalLength)
        append(body)
        if let trailer { append(trailer) }
    }

    mutating func section(bigEndian: Bool = false, major: UInt16 = 1, options: [Option] = []) {
        self.bigEndian = bigEndian
        var body = CaptureBuilder(bigEndian: bigEndian)
        body.append(UInt32(0x1A2B_3C4D))
        body.append(major)
        body.append(UInt16(0))
        body.append(Int64(-1))
        body.append(encoded(options))
        block(type: 0x0A0D_0D0A, body: body.bytes)
    }

    mutating func interface(linkType: UInt16 = 1, snapLength: UInt32 = 262_144, options: [Option] = []) {
        var body = CaptureBuilder(bigEndian: bigEndian)
        body.append(linkType)
        body.append(UInt16(0))
        body.append(snapLength)
        body.append(encoded(options))
        block(type: 1, body: body.bytes)
    }

    mutating func enhancedPacket(
        interface: UInt32 = 0, ticks: UInt64 = 1_700_000_000_000_000, data: [UInt8], capturedLength: UInt32? = nil
    ) {
        var body = CaptureBuilder(bigEndian: bigEndian)
        body.append(interface)
        body.append(UInt32(truncatingIfNeeded: ticks >> 32))
        body.append(UInt32(truncatingIfNeeded: ticks))
        body.append(capturedLength ?? UInt32(data.count))
        body.append(UInt32(data.count))
        body.append(data)
        body.padToFour()
        block(type: 6, body: body.bytes)
    }

    mutating func simplePacket(data: [UInt8]) {
        var body = CaptureBuilder(bigEndian: bigEndian)
        body.append(UInt32(data.count))
        body.append(data)
        block(type: 3, body: body.bytes)
    }

    /// A complete pcapng file: one section, one Ethernet interface with `options`, `packets`.
    static func pcapng(_ packets: [[UInt8]], linkType: UInt16 = 1, options: [Option] = []) -> [UInt8] {
        var file = CaptureBuilder()
        file.section()
        file.interface(linkType: linkType, options: options)
        for (index, packet) in packets.enumerated() {
            file.enhancedPacket(ticks: 1_700_000_000_000_000 + UInt64(index) * 1000, data: packet)
        }
        return file.bytes
    }
}
