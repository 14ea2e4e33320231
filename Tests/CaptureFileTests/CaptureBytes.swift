/// Test-only writer of capture files: classic pcap and pcapng, either byte order.
struct CaptureBytes {
    var bytes: [UInt8] = []
    /// The byte order of the integers appended next (pcapng sections switch it).
    var bigEndian: Bool

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

    /// The 24-byte global header. `nanosecond` picks the a1b23c4d magic.
    mutating func pcapHeader(
        nanosecond: Bool = false, versionMajor: UInt16 = 2, versionMinor: UInt16 = 4,
        snapLength: UInt32 = 65535, linkType: UInt32 = 1
    ) {
        append(nanosecond ? UInt32(0xA1B2_3C4D) : UInt32(0xA1B2_C3D4))
        append(versionMajor)
        append(versionMinor)
        append(Int32(0))  // thiszone
        append(UInt32(0))  // sigfigs
        append(snapLength)
        append(linkType)
    }

    /// A 16-byte record header and the data. `capturedLength` overrides the stored caplen.
    mutating func pcapRecord(
        seconds: UInt32, fraction: UInt32, data: [UInt8], originalLength: UInt32? = nil,
        capturedLength: UInt32? = nil
    ) {
        append(seconds)
        append(fraction)
        append(capturedLength ?? UInt32(data.count))
        append(originalLength ?? UInt32(data.count))
        append(data)
    }

    // MARK: pcapng

    struct Option {
        var code: UInt16
        var value: [UInt8]
        /// Overrides the stored option length (to make it run past the block).
        var declaredLength: UInt16?

        static func name(_ text: String) -> Option { Option(code: 2, value: Array(text.utf8)) }
        static func description(_ text: String) -> Option { Option(code: 3, value: Array(text.utf8)) }
        static func timestampResolution(_ code: UInt8) -> Option { Option(code: 9, value: [code]) }
        static func comment(_ text: String) -> Option { Option(code: 1, value: Array(text.utf8)) }
    }

    private func encoded(_ options: [Option], bigEndian: Bool) -> [UInt8] {
        guard !options.isEmpty else { return [] }
        var body = CaptureBytes(bigEndian: bigEndian)
        for option in options {
            body.append(option.code)
            body.append(option.declaredLength ?? UInt16(option.value.count))
            body.append(option.value)
            body.padToFour()
        }
        body.append(UInt32(0))  // opt_endofopt
        return body.bytes
    }

    /// A timestamp-offset option (if_tsoffset) in the current byte order.
    func timestampOffset(_ seconds: Int64) -> Option {
        var value = CaptureBytes(bigEndian: bigEndian)
        value.append(seconds)
        return Option(code: 14, value: value.bytes)
    }

    /// A block: type, total length, body padded to 4 bytes, total length.
    mutating func block(type: UInt32, body: [UInt8]) {
        let padded = (body.count + 3) & ~3
        let total = UInt32(12 + padded)
        append(type)
        append(total)
        append(body)
        padToFour()
        append(total)
    }

    /// A block with arbitrary length fields, for damaged files.
    mutating func rawBlock(type: UInt32, totalLength: UInt32, body: [UInt8], trailer: UInt32) {
        append(type)
        append(totalLength)
        append(body)
        append(trailer)
    }

    /// A Section Header Block; switches the byte order for what follows.
    mutating func section(bigEndian: Bool, major: UInt16 = 1, minor: UInt16 = 0, options: [Option] = []) {
        self.bigEndian = bigEndian
        var body = CaptureBytes(bigEndian: bigEndian)
        body.append(UInt32(0x1A2B_3C4D))
        body.append(major)
        body.append(minor)
        body.append(Int64(-1))  // section length unknown
        body.append(encoded(options, bigEndian: bigEndian))
        block(type: 0x0A0D_0D0A, body: body.bytes)
    }

    mutating func interface(linkType: UInt16, snapLength: UInt32 = 262_144, options: [Option] = []) {
        var body = CaptureBytes(bigEndian: bigEndian)
        body.append(linkType)
        body.append(UInt16(0))
        body.append(snapLength)
        body.append(encoded(options, bigEndian: bigEndian))
        block(type: 1, body: body.bytes)
    }

    mutating func enhancedPacket(
        interface: UInt32, ticks: UInt64, data: [UInt8], originalLength: UInt32? = nil,
        capturedLength: UInt32? = nil, options: [Option] = []
    ) {
        var body = CaptureBytes(bigEndian: bigEndian)
        body.append(interface)
        body.append(UInt32(truncatingIfNeeded: ticks >> 32))
        body.append(UInt32(truncatingIfNeeded: ticks))
        body.append(capturedLength ?? UInt32(data.count))
        body.append(originalLength ?? UInt32(data.count))
        body.append(data)
        body.padToFour()
        body.append(encoded(options, bigEndian: bigEndian))
        block(type: 6, body: body.bytes)
    }

    /// The obsolete Packet Block (type 2).
    mutating func obsoletePacket(interface: UInt16, ticks: UInt64, data: [UInt8], originalLength: UInt32? = nil) {
        var body = CaptureBytes(bigEndian: bigEndian)
        body.append(interface)
        body.append(UInt16(0))  // drops count
        body.append(UInt32(truncatingIfNeeded: ticks >> 32))
        body.append(UInt32(truncatingIfNeeded: ticks))
        body.append(UInt32(data.count))
        body.append(originalLength ?? UInt32(data.count))
        body.append(data)
        block(type: 2, body: body.bytes)
    }

    mutating func simplePacket(data: [UInt8], originalLength: UInt32? = nil) {
        var body = CaptureBytes(bigEndian: bigEndian)
        body.append(originalLength ?? UInt32(data.count))
        body.append(data)
        block(type: 3, body: body.bytes)
    }

    /// A deterministic payload of `count` bytes whose content depends on `seed`.
    static func payload(_ count: Int, seed: UInt8) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ Int(seed)) }
    }
}
