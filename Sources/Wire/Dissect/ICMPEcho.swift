/// The two halves of an ICMP or ICMPv6 echo exchange.
public enum ICMPEcho: Sendable, Hashable {
    case request
    case reply
}
