/// An IPv6 header (RFC 8200) and the chain of extension headers that follows it.
///
/// ```
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |Version| Traffic Class |           Flow Label                  |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |         Payload Length        |  Next Header  |   Hop Limit   |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                  Source Address (128 bits)                    |
/// |               Destination Address (128 bits)                  |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ```
///
/// Extension headers (hop-by-hop, routing, fragment, destination options, AH, mobility, HIP,
/// shim6) are walked, at most eight of them; `headerLength` covers them all, so the payload
/// starts at the upper-layer header. A non-first fragment stops the walk: its payload is the
/// middle of a datagram, not an upper-layer header.
public struct IPv6Header: Sendable, Hashable, CustomStringConvertible {
    enum Field {
        static let versionClassFlow = 0
        static let payloadLength = 4
        static let nextHeader = 6
        static let hopLimit = 7
        static let source = 8
        static let destination = 24
        static let minimumHeader = 40
        static let version: UInt32 = 6
        static let versionShift: UInt32 = 28
        static let trafficClassShift: UInt32 = 20
        static let flowLabelMask: UInt32 = 0x000f_ffff
        static let maximumExtensionHeaders = 8
        /// Every extension header is at least 8 bytes.
        static let minimumExtension = 8
    }

    /// Offsets within an extension header.
    enum ExtensionField {
        static let nextHeader = 0
        static let length = 1
        /// Generic headers: (length + 1) × 8 bytes.
        static let lengthUnit = 8
        /// Authentication header: (length + 2) × 4 bytes.
        static let authenticationUnit = 4
        /// Fragment header (8 bytes): offset (13 bits) << 3 | reserved (2) | M (1), then id.
        static let fragmentOffsetFlags = 2
        static let fragmentIdentification = 4
        static let fragmentLength = 8
        static let fragmentOffsetMask: UInt16 = 0xfff8
        static let moreFragmentsFlag: UInt16 = 0x0001
    }

    public let trafficClass: UInt8
    /// The 20-bit flow label.
    public let flowLabel: UInt32
    /// The raw payload-length field (0 for jumbograms and segmentation offload).
    public let payloadLength: Int
    /// The fixed header's next header (possibly an extension header).
    public let nextHeader: IPProtocol
    public let hopLimit: UInt8
    public let source: IPv6Address
    public let destination: IPv6Address
    /// The protocol after the walked extension headers (for a non-first fragment, the fragment
    /// header's next header, though the payload does not start with it).
    public let upperLayerProtocol: IPProtocol
    /// 40 + every extension header walked.
    public let headerLength: Int
    public let extensionHeaderCount: Int
    public let hasFragmentHeader: Bool
    /// The fragment offset in bytes (0 without a fragment header).
    public let fragmentOffset: Int
    /// The fragment header's M flag.
    public let moreFragments: Bool
    /// The fragment header's identification (0 without a fragment header).
    public let fragmentIdentification: UInt32
    /// A fragment header with offset != 0 or M set.
    public let isFragment: Bool
    /// The payload length claims more bytes than were captured (a snaplen cut, not an error).
    public let isTruncated: Bool
    /// The payload length is 0 (jumbogram or segmentation offload).
    public let payloadLengthIsZero: Bool
    /// min(40 + payload length, captured), the captured count when the payload length is 0.
    public let payloadEnd: Int

    public var payloadRange: Range<Int> { headerLength..<payloadEnd }

    /// The length to count bytes by: 40 + payload length, or the captured count when it is 0.
    public var ipLength: Int { payloadLengthIsZero ? payloadEnd : Field.minimumHeader + payloadLength }
    /// The first fragment of a fragmented datagram (it still carries the upper-layer header).
    public var isFirstFragment: Bool { isFragment && fragmentOffset == 0 }

    /// Whether `protocolNumber` is an extension header this decoder walks.
    public static func isExtensionHeader(_ protocolNumber: IPProtocol) -> Bool {
        switch protocolNumber {
        case .hopByHop, .routing, .fragment, .destinationOptions, .authenticationHeader,
            .mobility, .hostIdentity, .shim6:
            true
        default:
            false
        }
    }

    public init(parsing bytes: RawSpan) throws(DecodeError) {
        let count = bytes.byteCount
        guard count >= Field.minimumHeader else {
            throw .truncated(.ipv6, needed: Field.minimumHeader, available: count)
        }
        let first = bytes.be32(at: Field.versionClassFlow)
        let version = first >> Field.versionShift
        guard version == Field.version else { throw .malformed(.ipv6, .badVersion(UInt8(truncatingIfNeeded: version))) }
        let length = Int(bytes.be16(at: Field.payloadLength))
        // Extension headers must fit in the payload the length field announces (when it does).
        let bound = length == 0 ? Int.max : Field.minimumHeader + length

        var next = IPProtocol(rawValue: bytes.u8(at: Field.nextHeader))
        var offset = Field.minimumHeader
        var walked = 0
        var fragmentHeaderSeen = false
        var offsetBytes = 0
        var more = false
        var identification: UInt32 = 0
        walk: while IPv6Header.isExtensionHeader(next) {
            walked += 1
            guard walked <= Field.maximumExtensionHeaders else {
                throw .malformed(.ipv6Extension, .chainTooLong(walked))
            }
            guard offset + Field.minimumExtension <= bound else {
                throw .malformed(.ipv6Extension, .optionLength(Field.minimumExtension))
            }
            guard offset + Field.minimumExtension <= count else {
                throw .truncated(.ipv6Extension, needed: offset + Field.minimumExtension, available: count)
            }
            let lengthByte = Int(bytes.u8(at: offset + ExtensionField.length))
            let extensionLength: Int
            switch next {
            case .fragment: extensionLength = ExtensionField.fragmentLength
            case .authenticationHeader: extensionLength = (lengthByte + 2) * ExtensionField.authenticationUnit
            default: extensionLength = (lengthByte + 1) * ExtensionField.lengthUnit
            }
            guard offset + extensionLength <= bound else {
                throw .malformed(.ipv6Extension, .optionLength(extensionLength))
            }
            guard offset + extensionLength <= count else {
                throw .truncated(.ipv6Extension, needed: offset + extensionLength, available: count)
            }
            let following = IPProtocol(rawValue: bytes.u8(at: offset + ExtensionField.nextHeader))
            if next == .fragment {
                let offsetFlags = bytes.be16(at: offset + ExtensionField.fragmentOffsetFlags)
                fragmentHeaderSeen = true
                offsetBytes = Int(offsetFlags & ExtensionField.fragmentOffsetMask)
                more = offsetFlags & ExtensionField.moreFragmentsFlag != 0
                identification = bytes.be32(at: offset + ExtensionField.fragmentIdentification)
                offset += extensionLength
                next = following
                // A non-first fragment carries the middle of a datagram: stop here.
                if offsetBytes != 0 { break walk }
            } else {
                offset += extensionLength
                next = following
            }
        }

        trafficClass = UInt8(truncatingIfNeeded: first >> Field.trafficClassShift)
        flowLabel = first & Field.flowLabelMask
        payloadLength = length
        nextHeader = IPProtocol(rawValue: bytes.u8(at: Field.nextHeader))
        hopLimit = bytes.u8(at: Field.hopLimit)
        source = IPv6Address(bytes, at: Field.source)
        destination = IPv6Address(bytes, at: Field.destination)
        upperLayerProtocol = next
        headerLength = offset
        extensionHeaderCount = walked
        hasFragmentHeader = fragmentHeaderSeen
        fragmentOffset = offsetBytes
        moreFragments = more
        fragmentIdentification = identification
        isFragment = fragmentHeaderSeen && (offsetBytes != 0 || more)
        payloadLengthIsZero = length == 0
        isTruncated = length != 0 && Field.minimumHeader + length > count
        payloadEnd = min(length == 0 ? count : Field.minimumHeader + length, count)
    }

    /// `IPv6 fd00::1 > fd00::2 next 6 len 40 hlim 64`, plus ` frag id 7 off 1448+` for fragments.
    public var description: String {
        var text = "IPv6 \(source) > \(destination) next \(upperLayerProtocol.rawValue) len \(payloadLength) hlim \(hopLimit)"
        if isFragment {
            text += " frag id \(fragmentIdentification) off \(fragmentOffset)" + (moreFragments ? "+" : "")
        }
        return text
    }
}
