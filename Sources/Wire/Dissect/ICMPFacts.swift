/// What the dissector needs from an ICMP or ICMPv6 header, so that both are handled by one path.
struct ICMPFacts {
    var type: UInt8
    var code: UInt8
    var identifier: UInt16
    var sequenceNumber: UInt16
    var isEchoRequest: Bool
    var isEchoReply: Bool
    var isError: Bool
    var headerLength: Int

    init(_ header: ICMPHeader) {
        type = header.type
        code = header.code
        identifier = header.identifier
        sequenceNumber = header.sequenceNumber
        isEchoRequest = header.isEchoRequest
        isEchoReply = header.isEchoReply
        isError = header.isError
        headerLength = header.headerLength
    }

    init(_ header: ICMPv6Header) {
        type = header.type
        code = header.code
        identifier = header.identifier
        sequenceNumber = header.sequenceNumber
        isEchoRequest = header.isEchoRequest
        isEchoReply = header.isEchoReply
        isError = header.isError
        headerLength = header.headerLength
    }
}
