import CaptureFile

/// A record copied out of the reader, to compare after the buffer has moved on.
struct ReadRecord: Equatable {
    var timestamp: Timestamp
    var interfaceIndex: Int
    var capturedLength: Int
    var originalLength: Int
    var bytes: [UInt8]
}

extension CaptureFileReader {
    /// Reads every remaining record, copying each one.
    func readAll() -> [ReadRecord] {
        var records: [ReadRecord] = []
        while let record = next() {
            records.append(
                ReadRecord(
                    timestamp: record.timestamp, interfaceIndex: record.interfaceIndex,
                    capturedLength: record.capturedLength, originalLength: record.originalLength,
                    bytes: Array(record.bytes)))
        }
        return records
    }

    var warningNames: [String] { warnings.map(\.name) }
}
