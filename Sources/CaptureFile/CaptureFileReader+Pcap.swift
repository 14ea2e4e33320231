/// Classic pcap records: a 16-byte header (seconds, microseconds or nanoseconds, caplen, len)
/// followed by caplen bytes.
extension CaptureFileReader {
    static let pcapRecordHeaderLength = 16

    func nextPcapRecord() -> CaptureRecord? {
        let headerLength = Self.pcapRecordHeaderLength
        let available = input.fill(atLeast: headerLength)
        guard available >= headerLength else {
            return endOfInput(
                available: available, partialName: "truncated_record_header",
                "record \(recordCount + 1) at byte offset \(input.offset): the file ends \(available) bytes "
                    + "into its \(headerLength)-byte header")
        }
        let header = input.window(headerLength).bytes
        let seconds = byteOrder.u32(header, at: 0)
        let fraction = byteOrder.u32(header, at: 4)
        var captured = Int(byteOrder.u32(header, at: 8))
        var original = Int(byteOrder.u32(header, at: 12))
        if pcapLengthsSwapped || (pcapLengthsMaybeSwapped && captured > original) {
            swap(&captured, &original)
        }
        guard captured <= pcapMaximumCapturedLength else {
            return stop(
                "caplen_too_large",
                "record \(recordCount + 1) at byte offset \(input.offset): captured length \(captured) exceeds "
                    + "the limit of \(pcapMaximumCapturedLength) (snaplen \(interfaces.first?.snapLength ?? 0)); "
                    + "the rest of the file is not a record",
                at: input.offset)
        }
        let total = headerLength + captured
        let filled = input.fill(atLeast: total)
        guard filled >= total else {
            return endOfInput(
                available: filled, partialName: "truncated_record",
                "record \(recordCount + 1) at byte offset \(input.offset): captured length \(captured) needs "
                    + "\(total) bytes with its header, only \(filled) remain")
        }
        let bytes = UnsafeRawBufferPointer(start: input.pointer + headerLength, count: captured)
        input.consume(total)
        recordCount += 1
        let timestamp =
            pcapNanosecond
            ? Timestamp(seconds: Int64(seconds), nanoseconds: fraction)
            : Timestamp(
                seconds: Int64(seconds) + Int64(fraction / 1_000_000),
                nanoseconds: (fraction % 1_000_000) * 1000)
        return CaptureRecord(
            timestamp: timestamp, interfaceIndex: 0, capturedLength: captured, originalLength: original,
            bytes: bytes)
    }
}
