/// Test-only writer of capture files, damaged ones included: classic pcap and pcapng, either
/// byte order, block by block or as whole files.
public struct CaptureBytes: Sendable {
    public var bytes: [UInt8] = []
    /// The byte order of the integers appended next (pcapng sections switch it).
    public var bigEndian: Bool

    /// The seconds of the default timestamps (November 2023).
    public static let defaultSeconds: UInt32 = 1_700_000_000
    /// The default pcapng timestamp: `defaultSeconds` in microsecond ticks.
    public static let defaultTicks: UInt64 = 1_700_000_000_000_000

    public init(bigEndian: Bool = false) {
        self.bigEndian = bigEndian
    }

    public mutating func append<T: FixedWidthInteger>(_ value: T) {
        let ordered = bigEndian ? value.bigEndian : value.littleEndian
        withUnsafeBytes(of: ordered) { bytes.append(contentsOf: $0) }
    }

    public mutating func append(_ raw: [UInt8]) {
        bytes.append(contentsOf: raw)
    }

    public mutating func padToFour() {
        while bytes.count % 4 != 0 { bytes.append(0) }
    }

    // MARK: Classic pcap

    /// The 24-byte global header. `nanosecond` picks the a1b23c4d magic.
    public mutating func pcapHeader(
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

    /// A 16-byte record header and the data (written as given). `capturedLength` and
    /// `originalLength` override the stored lengths.
    public mutating func pcapRecord(
        seconds: UInt32 = CaptureBytes.defaultSeconds, fraction: UInt32 = 0, data: [UInt8],
        originalLength: UInt32? = nil, capturedLength: UInt32? = nil
    ) {
        append(seconds)
        append(fraction)
        append(capturedLength ?? UInt32(data.count))
        append(originalLength ?? UInt32(data.count))
        append(data)
    }

    /// A complete pcap file of `packets` (Ethernet unless `linkType` says otherwise), one
    /// millisecond apart from `defaultSeconds`.
    public static func pcap(_ packets: [[UInt8]], linkType: UInt32 = 1, snapLength: UInt32 = 65535) -> [UInt8] {
        var file = CaptureBytes()
        file.pcapHeader(snapLength: snapLength, linkType: linkType)
        for (index, packet) in packets.enumerated() {
            file.pcapRecord(
                seconds: defaultSeconds + UInt32(index / 1000), fraction: UInt32(index % 1000) * 1000, data: packet)
        }
        return file.bytes
    }

    // MARK: pcapng

    /// Options in this file's current byte order, with the end-of-options marker.
    public func encoded(_ options: [Option]) -> [UInt8] {
        guard !options.isEmpty else { return [] }
        var body = CaptureBytes(bigEndian: bigEndian)
        for option in options {
            body.append(option.code)
            body.append(option.declaredLength ?? UInt16(truncatingIfNeeded: option.value.count))
            body.append(option.value)
            body.padToFour()
        }
        body.append(UInt32(0))  // opt_endofopt
        return body.bytes
    }

    /// A timestamp-offset option (if_tsoffset) in the current byte order.
    public func timestampOffset(_ seconds: Int64) -> Option {
        var value = CaptureBytes(bigEndian: bigEndian)
        value.append(seconds)
        return Option(code: 14, value: value.bytes)
    }

    /// A block with correct lengths: type, total length, body padded to 4 bytes, total length.
    public mutating func block(type: UInt32, body: [UInt8]) {
        let padded = (body.count + 3) & ~3
        let total = UInt32(12 + padded)
        append(type)
        append(total)
        append(body)
        padToFour()
        append(total)
    }

    /// A block with arbitrary length fields, for damaged files; no trailer when `trailer` is nil.
    public mutating func rawBlock(type: UInt32, totalLength: UInt32, body: [UInt8], trailer: UInt32?) {
        append(type)
        append(totalLength)
        append(body)
        if let trailer { append(trailer) }
    }

    /// A Section Header Block; switches the byte order for what follows.
    public mutating func section(bigEndian: Bool = false, major: UInt16 = 1, minor: UInt16 = 0, options: [Option] = []) {
        self.bigEndian = bigEndian
        var body = CaptureBytes(bigEndian: bigEndian)
        body.append(UInt32(0x1A2B_3C4D))
        body.append(major)
        body.append(minor)
        body.append(Int64(-1))  // section length unknown
        body.append(encoded(options))
        block(type: 0x0A0D_0D0A, body: body.bytes)
    }

    public mutating func interface(linkType: UInt16 = 1, snapLength: UInt32 = 262_144, options: [Option] = []) {
        var body = CaptureBytes(bigEndian: bigEndian)
        body.append(linkType)
        body.append(UInt16(0))
        body.append(snapLength)
        body.append(encoded(options))
        block(type: 1, body: body.bytes)
    }

    public mutating func enhancedPacket(
        interface: UInt32 = 0, ticks: UInt64 = CaptureBytes.defaultTicks, data: [UInt8],
        originalLength: UInt32? = nil, capturedLength: UInt32? = nil, options: [Option] = []
    ) {
        var body = CaptureBytes(bigEndian: bigEndian)
        body.append(interface)
        body.append(UInt32(truncatingIfNeeded: ticks >> 32))
        body.append(UInt32(truncatingIfNeeded: ticks))
        body.append(capturedLength ?? UInt32(data.count))
        body.append(originalLength ?? UInt32(data.count))
        body.append(data)
        body.padToFour()
        body.append(encoded(options))
        block(type: 6, body: body.bytes)
    }

    /// The obsolete Packet Block (type 2).
    public mutating func obsoletePacket(
        interface: UInt16, ticks: UInt64, data: [UInt8], originalLength: UInt32? = nil
    ) {
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

    public mutating func simplePacket(data: [UInt8], originalLength: UInt32? = nil) {
        var body = CaptureBytes(bigEndian: bigEndian)
        body.append(originalLength ?? UInt32(data.count))
        body.append(data)
        block(type: 3, body: body.bytes)
    }

    /// A complete pcapng file: one little-endian section, one interface of `linkType` with
    /// `options`, and `packets` one millisecond apart from `defaultTicks`.
    public static func pcapng(_ packets: [[UInt8]], linkType: UInt16 = 1, options: [Option] = []) -> [UInt8] {
        var file = CaptureBytes()
        file.section()
        file.interface(linkType: linkType, options: options)
        for (index, packet) in packets.enumerated() {
            file.enhancedPacket(ticks: defaultTicks + UInt64(index) * 1000, data: packet)
        }
        return file.bytes
    }

    /// A deterministic payload of `count` bytes whose content depends on `seed`.
    public static func payload(_ count: Int, seed: UInt8) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ Int(seed)) }
    }
}
