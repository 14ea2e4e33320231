/// Classic pcap encoding: a 24-byte file header and 16-byte record headers, host byte order.
extension CaptureFileWriter {
    static let pcapMicrosecondMagic: UInt32 = 0xA1B2_C3D4
    static let pcapNanosecondMagic: UInt32 = 0xA1B2_3C4D

    func appendPcapHeader(_ interface: CaptureInterface, nanosecond: Bool) {
        append(nanosecond ? Self.pcapNanosecondMagic : Self.pcapMicrosecondMagic)
        append(UInt16(2))  // version 2.4
        append(UInt16(4))
        append(Int32(0))  // thiszone
        append(UInt32(0))  // sigfigs
        append(UInt32(clamping: interface.snapLength <= 0 ? 262_144 : interface.snapLength))
        append(UInt32(interface.linkType.rawValue & 0xFFFF))
    }

    func appendPcapRecord(
        timestamp: Int64, nanosecond: Bool, original: Int, body: UnsafeRawBufferPointer
    ) throws(CaptureFileWriterError) {
        let clamped = max(timestamp, 0)
        let seconds = UInt32(clamping: clamped / 1_000_000_000)
        let fraction = clamped % 1_000_000_000
        try reserve(16)
        append(seconds)
        append(UInt32(nanosecond ? fraction : fraction / 1000))
        append(UInt32(clamping: body.count))
        append(UInt32(clamping: original))
        try appendPayload(body)
    }
}
