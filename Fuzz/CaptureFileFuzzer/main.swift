// libFuzzer harness: the whole input is a capture file. It is read twice through
// `CaptureFileReader` — once with the production buffer sizes, once with a 64-byte buffer and
// reads of at most 509 bytes so that records straddle refills and buffer growth at every
// offset — and both reads must agree record for
// record. The records then go through `AnalysisSession` (as `Analyzer.run` does for one file,
// without a BPF filter) and every report format.
//
// Build and run: Fuzz/build.sh && Fuzz/run.sh SECONDS (see Fuzz/README.md).
import Analysis
@testable import CaptureFile
import Glibc
import Wire

/// One descriptor reused for every input: an unlinked temporary file, rewritten each time.
let scratch: Int32 = {
    var template = Array("/tmp/calicap-fuzz-XXXXXX".utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    precondition(descriptor >= 0, "mkstemp failed")
    template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
    return descriptor
}()

func load(_ input: UnsafeRawBufferPointer) {
    precondition(ftruncate(scratch, 0) == 0)
    var written = 0
    while written < input.count {
        let result = pwrite(scratch, input.baseAddress! + written, input.count - written, off_t(written))
        precondition(result > 0, "pwrite failed")
        written += result
    }
    precondition(lseek(scratch, 0, SEEK_SET) == 0)
}

/// What a read produced, to compare the two buffer configurations.
struct Summary: Equatable {
    var records: [(timestamp: Timestamp, interface: Int, captured: Int, original: Int, digest: UInt64)] = []
    var interfaces: [CaptureInterface] = []
    var warnings: [CaptureFileWarning] = []
    var error: CaptureFileError?

    static func == (lhs: Summary, rhs: Summary) -> Bool {
        lhs.records.count == rhs.records.count
            && zip(lhs.records, rhs.records).allSatisfy {
                $0.timestamp == $1.timestamp && $0.interface == $1.interface && $0.captured == $1.captured
                    && $0.original == $1.original && $0.digest == $1.digest
            }
            && lhs.interfaces == rhs.interfaces && lhs.warnings == rhs.warnings && lhs.error == rhs.error
    }
}

/// FNV-1a over the captured bytes.
func digest(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    return hash
}

/// Reads the scratch file fully; with `session`, also analyses it as `Analyzer.run` does.
func read(chunkSize: Int, readLimit: Int, into session: inout AnalysisSession?) -> Summary {
    var summary = Summary()
    precondition(lseek(scratch, 0, SEEK_SET) == 0)
    let reader: CaptureFileReader
    do {
        reader = try CaptureFileReader(
            fileDescriptor: scratch, name: "fuzz\u{1b}[2J.pcap", ownsDescriptor: false, chunkSize: chunkSize,
            readLimit: readLimit)
    } catch {
        summary.error = error
        _ = error.description
        return summary
    }
    var captureIndices: [Int] = []
    while let record = reader.next() {
        precondition(record.bytes.count == record.capturedLength, "capturedLength disagrees with bytes")
        precondition(reader.interfaces.indices.contains(record.interfaceIndex), "record names no interface")
        summary.records.append(
            (record.timestamp, record.interfaceIndex, record.capturedLength, record.originalLength, digest(record.bytes)))
        if session != nil {
            while captureIndices.count < reader.interfaces.count {
                let interface = reader.interfaces[captureIndices.count]
                captureIndices.append(
                    session!.addCapture(source: reader.name, linkType: interface.linkType, interface: interface.name))
            }
            session!.ingest(
                record.bytes.bytes, captureIndex: captureIndices[record.interfaceIndex],
                time: record.timestamp.seconds &* 1_000_000_000 &+ Int64(record.timestamp.nanoseconds))
        }
    }
    precondition(reader.next() == nil, "a finished reader returned another record")
    precondition(reader.warnings.count <= CaptureLimits.maximumWarnings)
    for warning in reader.warnings {
        session?.report(InputFindings.damagedCapture(source: reader.name, name: warning.name, problem: warning.description))
    }
    summary.interfaces = reader.interfaces
    summary.warnings = reader.warnings
    return summary
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCaptureFile(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = UnsafeRawBufferPointer(start: size == 0 ? nil : data, count: size)
    load(input)

    var session: AnalysisSession? = FuzzSupport.session(dissect: DissectOptions(), maximumFlows: 64)
    let normal = read(chunkSize: CaptureLimits.chunkSize, readLimit: Int.max, into: &session)
    var none: AnalysisSession? = nil
    let small = read(chunkSize: 64, readLimit: 509, into: &none)
    precondition(normal == small, "the result depends on how the file was split into reads")

    if normal.error == nil, let session {
        FuzzSupport.renderAndCheck(session.result())
    }
    return 0
}
