import Testing
import Wire

@Suite struct CiscoMetadataHeaderTests {
    /// `public/the-tcpdump-group_tcpdump/various_gre.pcap`, packet 25, after the GRE header
    /// (`20 00 89 09 00 00 00 28`: K, protocol Cisco MetaData, key 0x28).
    static let metadata: [UInt8] = [
        0x08, 0x00,  // payload EtherType IPv4
        0x01,  // version 1
        0x01,  // length 1
        0x00, 0x01,  // options
        0x00, 0x00,  // security group tag 0
        0x45, 0x00, 0x00, 0x64,  // inner IPv4 (start)
    ]

    @Test func deconstructs() throws {
        let header = try CiscoMetadataHeader(parsing: Self.metadata.span.bytes)
        #expect(header.payloadType == .ipv4)
        #expect(header.version == 1)
        #expect(header.length == 1)
        #expect(header.options == 1)
        #expect(header.securityGroupTag == 0)
        #expect(header.headerLength == 8)
        #expect(header.payloadRange == 8..<12)
        #expect(header.description == "CMD sgt 0 proto IPv4")
    }

    @Test(arguments: 0..<8) func rejectsEveryTruncatedPrefix(length: Int) {
        let bytes = Array(Self.metadata.prefix(length))
        #expect(throws: DecodeError.truncated(.ciscoMetadata, needed: 8, available: length)) {
            try CiscoMetadataHeader(parsing: bytes.span.bytes)
        }
    }
}
