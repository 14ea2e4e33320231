import Flows
import Wire

/// How a flow ended, as far as the captures show: more than `answered`, which only says the
/// server sent something back.
public enum FlowOutcome: String, Sendable, CaseIterable {
    /// TCP: SYN, SYN-ACK and the client's ACK (or data) seen.
    case established
    /// TCP: the server answered the SYN with a RST, never with a SYN-ACK.
    case refused
    /// TCP: a RST after the connection was established.
    case reset
    /// Nothing came back from the server (and, for UDP and ICMP, no ICMP error either).
    case noReply = "no-reply"
    /// TCP: both directions seen but not the handshake (the capture started mid-connection, say).
    case incomplete
    /// UDP, ICMP and other protocols: the server sent at least one packet back.
    case answered
    /// UDP, ICMP and other protocols: not answered, but an ICMP error quoted one of its packets.
    case unreachable

    public init(_ flow: FlowRecord) {
        if flow.key.protocolNumber == .tcp {
            self = Self.tcpOutcome(flow)
        } else if flow.answered {
            self = .answered
        } else if !flow.icmpErrors.isEmpty {
            self = .unreachable
        } else {
            self = .noReply
        }
    }

    static func tcpOutcome(_ flow: FlowRecord) -> FlowOutcome {
        guard flow.answered else { return .noReply }
        let fromClient = flow.tcpFlagsFromClient
        let fromServer = flow.tcpFlagsFromServer
        let clientOpened = fromClient.contains(.syn)
        let serverAccepted = fromServer.contains([.syn, .acknowledgment])
        if clientOpened && serverAccepted && fromClient.contains(.acknowledgment) {
            return fromClient.contains(.reset) || fromServer.contains(.reset) ? .reset : .established
        }
        if clientOpened && !fromServer.contains(.syn) && fromServer.contains(.reset) {
            return .refused
        }
        return .incomplete
    }
}
