/// A WireGuard message (the WireGuard whitepaper, §5.4), checked by type and length so the
/// dissector can use it as a signature for UDP payloads.
///
/// ```
/// +--------+-----------------+----------------------------------------------------+
/// | type 1 | reserved (3, 0) | sender index (LE 4) … 148 bytes   handshake initiation
/// | type 2 | reserved (3, 0) | sender index, receiver index … 92  handshake response
/// | type 3 | reserved (3, 0) | receiver index (LE 4) … 64        cookie reply
/// | type 4 | reserved (3, 0) | receiver index (LE 4) | counter (LE 8) | data + 16-byte tag
/// +--------+-----------------+----------------------------------------------------+
/// ```
public struct WireGuardMessage: Sendable, Hashable, CustomStringConvertible {
    enum Field {
        static let messageType = 0
        static let reserved = 1
        static let index = 4
        /// Handshake response: the receiver index follows the sender index.
        static let responseReceiverIndex = 8
        static let counter = 8
        /// The 64-bit counter is read as two little-endian 32-bit halves.
        static let counterHalf = 4
        static let minimumHeader = 4
        static let initiation: UInt8 = 1
        static let response: UInt8 = 2
        static let cookieReply: UInt8 = 3
        static let transportData: UInt8 = 4
        static let initiationLength = 148
        static let responseLength = 92
        static let cookieReplyLength = 64
        /// Type, reserved, receiver index, counter.
        static let transportHeader = 16
        /// The Poly1305 tag; the encrypted data is padded to 16-byte blocks.
        static let transportBlock = 16
        /// A keepalive: the header and an empty encrypted packet's tag.
        static let minimumTransport = 32
    }

    /// 1 initiation, 2 response, 3 cookie reply, 4 transport data.
    public let messageType: UInt8
    /// The little-endian index at offset 4: the sender's index for types 1 and 2, the
    /// receiver's index for types 3 and 4.
    public let index: UInt32
    /// The sender index (types 1 and 2).
    public let senderIndex: UInt32?
    /// The receiver index (type 2 at offset 8; types 3 and 4 at offset 4).
    public let receiverIndex: UInt32?
    /// The nonce counter of transport data (type 4).
    public let counter: UInt64?
    /// 16 for transport data (whose encrypted payload follows), else the whole message.
    public let headerLength: Int
    /// The captured byte count.
    public let payloadEnd: Int

    public var payloadRange: Range<Int> { headerLength..<payloadEnd }

    public var isTransportData: Bool { messageType == Field.transportData }

    public init(parsing bytes: RawSpan) throws(DecodeError) {
        let count = bytes.byteCount
        guard count >= Field.minimumHeader else {
            throw .truncated(.wireguard, needed: Field.minimumHeader, available: count)
        }
        let type = bytes.u8(at: Field.messageType)
        let reservedBytes = bytes.be24(at: Field.reserved)
        guard reservedBytes == 0, (Field.initiation...Field.transportData).contains(type) else {
            throw .malformed(.wireguard, .reservedBits)
        }
        let lengthMatches: Bool
        switch type {
        case Field.initiation: lengthMatches = count == Field.initiationLength
        case Field.response: lengthMatches = count == Field.responseLength
        case Field.cookieReply: lengthMatches = count == Field.cookieReplyLength
        default:
            lengthMatches = count >= Field.minimumTransport
                && (count - Field.transportHeader) % Field.transportBlock == 0
        }
        guard lengthMatches else { throw .malformed(.wireguard, .lengthField(count)) }

        let indexValue = bytes.le32(at: Field.index)
        messageType = type
        index = indexValue
        switch type {
        case Field.initiation:
            senderIndex = indexValue
            receiverIndex = nil
        case Field.response:
            senderIndex = indexValue
            receiverIndex = bytes.le32(at: Field.responseReceiverIndex)
        default:
            senderIndex = nil
            receiverIndex = indexValue
        }
        if type == Field.transportData {
            let low = UInt64(bytes.le32(at: Field.counter))
            let high = UInt64(bytes.le32(at: Field.counter + Field.counterHalf))
            counter = high << 32 | low
            headerLength = Field.transportHeader
        } else {
            counter = nil
            headerLength = count
        }
        payloadEnd = count
    }

    /// `WireGuard transport receiver 0xab7df406 counter 0 len 128`
    public var description: String {
        let hexIndex = "0x" + String(index, radix: 16)
        switch messageType {
        case Field.initiation: return "WireGuard initiation sender \(hexIndex)"
        case Field.response: return "WireGuard response sender \(hexIndex)"
        case Field.cookieReply: return "WireGuard cookie reply receiver \(hexIndex)"
        default: return "WireGuard transport receiver \(hexIndex) counter \(counter ?? 0) len \(payloadEnd)"
        }
    }
}
