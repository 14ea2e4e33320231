/// A non-fatal problem met while reading: the records before it were returned normally.
///
/// Names are stable snake_case identifiers meant for counting and tests:
/// - `truncated_record_header`, `truncated_record` (pcap: the file ends inside a record),
/// - `caplen_too_large` (pcap: captured length beyond the snaplen limit; usually garbage after the end),
/// - `truncated_block_header`, `truncated_block` (pcapng: the file ends inside a block),
/// - `bad_block_length` (pcapng: total length < 12, not a multiple of 4, too large, or not equal to the trailing copy),
/// - `bad_section_header` (pcapng: a later section's byte-order magic is unknown),
/// - `unsupported_section_version` (pcapng: a later section's major version is not 1),
/// - `bad_interface_block` (pcapng: an Interface Description Block too short to hold its fields),
/// - `too_many_interfaces` (pcapng: more Interface Description Blocks than the reader keeps, 4096),
/// - `bad_packet_block` (pcapng: a packet block too short, or whose captured length runs past it; skipped),
/// - `unknown_interface` (pcapng: a packet block names an interface id the section has not declared; skipped),
/// - `bad_option` (pcapng: an option runs past its block; the remaining options are ignored),
/// - `read_failed` (the operating system reported an error while reading).
///
/// Reading stops after every warning except `bad_packet_block`, `unknown_interface` and `bad_option`.
public struct CaptureFileWarning: Sendable, Hashable, CustomStringConvertible {
    /// A stable snake_case identifier.
    public var name: String
    /// Human-readable text that includes the byte offset and the record number.
    public var detail: String
    /// The byte offset in the file (or stream) of the record or block concerned.
    public var byteOffset: Int

    public init(name: String, detail: String, byteOffset: Int) {
        self.name = name
        self.detail = detail
        self.byteOffset = byteOffset
    }

    /// `name: detail`.
    public var description: String { "\(name): \(detail)" }
}
