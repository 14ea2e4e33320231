// libFuzzer harness: the packet dissector, then the flow table and Calico rules through
// `AnalysisSession`, then every report format.
//
// Input layout:
//   byte 0      link type: an index into `linkTypes` (modulo its count)
//   byte 1      options: bits 0-2 tunnel depth limit - 1; bit 3 no VXLAN detection by header;
//               bit 4 also decode UDP 8472 as VXLAN; bit 5 name the interface ("eth0");
//               bit 6 render every report format (slow, so not for every input)
//   bytes 2…    one packet, or several separated by the 4 bytes F0 0D CA FE (so fragments,
//               ICMP errors and replies can meet their flows)
//
// Build and run: Fuzz/build.sh && Fuzz/run.sh SECONDS (see Fuzz/README.md).
import Analysis
import Flows
import Wire

/// Every link type the dissector supports, and one it does not (DLT_USER0).
let linkTypes: [LinkType] = [
    .ethernet, .raw, .linuxSLL2, .linuxSLL, .null, .loop, .ipv4, .ipv6, .rawLegacy12, .rawLegacy14,
    LinkType(rawValue: 147),
]

let separator: [UInt8] = [0xF0, 0x0D, 0xCA, 0xFE]

/// Splits `bytes` at every separator.
func packets(in bytes: UnsafeRawBufferPointer) -> [Range<Int>] {
    var ranges: [Range<Int>] = []
    var start = 0
    var index = 0
    while index + separator.count <= bytes.count {
        if bytes[index] == separator[0], bytes[index + 1] == separator[1], bytes[index + 2] == separator[2],
            bytes[index + 3] == separator[3]
        {
            ranges.append(start..<index)
            index += separator.count
            start = index
        } else {
            index += 1
        }
    }
    ranges.append(start..<bytes.count)
    return ranges
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDissector(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size >= 2 else { return 0 }
    let input = UnsafeRawBufferPointer(start: data, count: size)
    let linkType = linkTypes[Int(input[0]) % linkTypes.count]
    let flags = input[1]
    var options = DissectOptions(maximumEncapsulationDepth: Int(flags & 7) + 1)
    options.detectsVXLANByHeader = flags & 8 == 0
    if flags & 16 != 0 { options.vxlanPorts = [4789, 8472] }
    let body = UnsafeRawBufferPointer(rebasing: input[2...])

    // Each packet in its own allocation of exactly its size, so ASan sees any over-read.
    let copies: [UnsafeMutableRawBufferPointer] = packets(in: body).prefix(64).map { range in
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: range.count, alignment: 1)
        if !range.isEmpty { copy.copyMemory(from: UnsafeRawBufferPointer(rebasing: body[range])) }
        return copy
    }
    defer { for copy in copies { copy.deallocate() } }

    let dissector = Dissector(options: options)
    for copy in copies {
        let dissection = dissector.dissect(UnsafeRawBufferPointer(copy).bytes, linkType: linkType)
        FuzzSupport.check(dissection, options: options)
    }

    var session = FuzzSupport.session(dissect: options, maximumFlows: 4)
    let named = session.addCapture(source: "fuzz", linkType: linkType, interface: flags & 32 != 0 ? "eth0" : nil)
    let other = session.addCapture(source: "fuzz-2", linkType: linkType, interface: "tunl0")
    for (position, copy) in copies.enumerated() {
        let bytes = UnsafeRawBufferPointer(copy).bytes
        session.ingest(bytes, captureIndex: named, time: Int64(position) * 100)
        // The same packet at a second capture point: duplicate detection across points.
        if position % 2 == 0 { session.ingest(bytes, captureIndex: other, time: Int64(position) * 100 + 1) }
    }
    precondition(session.flows.count <= 4, "flow table above its limit")
    let result = session.result()
    if flags & 64 != 0 { FuzzSupport.renderAndCheck(result) }
    return 0
}
