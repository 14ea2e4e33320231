/// ICMP for IPv4 (RFC 792) or ICMPv6 (RFC 4443): the same header, with different type numbers.
public enum ICMPVersion: Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case v4
    case v6

    /// The message type numbers both headers are read with.
    enum MessageType {
        static let echoReplyV4: UInt8 = 0
        static let echoRequestV4: UInt8 = 8
        /// Destination unreachable, source quench, redirect, time exceeded, parameter problem.
        static let destinationUnreachableV4: UInt8 = 3
        static let sourceQuenchV4: UInt8 = 4
        static let redirectV4: UInt8 = 5
        static let timeExceededV4: UInt8 = 11
        static let parameterProblemV4: UInt8 = 12
        /// Timestamp, information and address-mask requests and replies (13-18).
        static let otherQueriesV4: ClosedRange<UInt8> = 13...18
        static let echoRequestV6: UInt8 = 128
        static let echoReplyV6: UInt8 = 129
        /// Destination unreachable, packet too big, time exceeded, parameter problem.
        static let errorsV6: ClosedRange<UInt8> = 1...4
        /// Router solicitation/advertisement, neighbor solicitation/advertisement, redirect (RFC 4861).
        static let neighborDiscoveryV6: ClosedRange<UInt8> = 133...137
    }

    /// The layer named in decode errors.
    public var layer: Layer { self == .v4 ? .icmp : .icmpv6 }

    public var echoRequestType: UInt8 { self == .v4 ? MessageType.echoRequestV4 : MessageType.echoRequestV6 }
    public var echoReplyType: UInt8 { self == .v4 ? MessageType.echoReplyV4 : MessageType.echoReplyV6 }

    /// An echo request or reply.
    public func isEcho(_ type: UInt8) -> Bool { type == echoRequestType || type == echoReplyType }

    /// An error message quoting the offending packet (v4: 3, 4, 5, 11, 12; v6: 1-4).
    public func isError(_ type: UInt8) -> Bool {
        switch self {
        case .v4:
            switch type {
            case MessageType.destinationUnreachableV4, MessageType.sourceQuenchV4, MessageType.redirectV4,
                MessageType.timeExceededV4, MessageType.parameterProblemV4:
                true
            default: false
            }
        case .v6: MessageType.errorsV6.contains(type)
        }
    }

    /// Whether bytes 4-7 are an identifier and sequence number (echo; in v4 also 13-18).
    public func hasIdentifier(_ type: UInt8) -> Bool {
        isEcho(type) || (self == .v4 && MessageType.otherQueriesV4.contains(type))
    }

    /// Neighbor discovery (ICMPv6 types 133-137); never in v4.
    public func isNeighborDiscovery(_ type: UInt8) -> Bool {
        self == .v6 && MessageType.neighborDiscoveryV6.contains(type)
    }

    public var description: String { self == .v4 ? "ICMP" : "ICMPv6" }
}
