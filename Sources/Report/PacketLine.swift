import Calico
import Wire

/// One captured packet as a line of text, the way `tcpdump -nn` prints it, prefixed by what
/// carried it between nodes:
///
/// ```
/// 12:00:57.297265 IPIP 192.168.10.101 > 192.168.20.100 | 172.16.158.1.10002 > 172.16.34.1.8080 TCP [S] length 60
/// 12:00:57.297301 VXLAN 4096 192.168.10.101 > 192.168.20.100 | 172.16.158.1 > 172.16.34.1 ICMP echo request, id 7, seq 1, length 84
/// 12:00:57.297315 direct | 172.16.158.1.10002 > 172.16.184.1.8080 TCP [S.] length 60
/// 12:00:57.297320 IPIP (tunl0) | 172.16.158.1.10002 > 172.16.34.1.8080 TCP [.] length 52
/// ```
///
/// Tunnels are listed outer to inner. A packet with no tunnel header is named after the device it
/// was captured on: `direct` on an uplink, `IPIP (tunl0)`, `VXLAN (vxlan.calico)`,
/// `WireGuard (wireguard.cali)`, `veth (cali…)`, `local (lo)`. `length` is the innermost IP
/// packet's total length. Everything is numeric; device names go through `TerminalText.safe`.
public struct PacketLine: Sendable {
    /// tcpdump's -t family.
    public enum TimestampStyle: Sendable, Hashable {
        /// `HH:MM:SS.uuuuuu`, local time (the default).
        case clock
        /// `-t`: none.
        case none
        /// `-tt`: seconds since the epoch, `1700000000.123456`.
        case epoch
        /// `-ttt`: time since the previous line.
        case sincePrevious
        /// `-tttt`: `YYYY-MM-DD HH:MM:SS.uuuuuu`.
        case dateAndClock
        /// `-ttttt`: time since the first line.
        case sinceFirst

        /// The style for a count of `-t` flags, as tcpdump counts them.
        public init(count: Int) {
            switch count {
            case 0: self = .clock
            case 1: self = .none
            case 2: self = .epoch
            case 3: self = .sincePrevious
            case 4: self = .dateAndClock
            default: self = .sinceFirst
            }
        }
    }

    public var timestampStyle: TimestampStyle
    /// Added to packet times for `clock` and `dateAndClock` (the local zone's offset).
    public var utcOffsetSeconds: Int64
    /// Name the capture device at the start of each line (several devices are captured); lines
    /// whose carrier already names the device in parentheses do not repeat it.
    public var showsInterface: Bool
    private var first: Int64?
    private var previous: Int64?

    public init(timestampStyle: TimestampStyle = .clock, utcOffsetSeconds: Int64 = 0, showsInterface: Bool = false) {
        self.timestampStyle = timestampStyle
        self.utcOffsetSeconds = utcOffsetSeconds
        self.showsInterface = showsInterface
    }

    /// The line for one packet (without a newline). `interface` is the device it was captured on
    /// (for `-i any`, the packet's own interface when known).
    public mutating func render(_ packet: Dissection, time: Int64, interface: String?) -> String {
        var line = timestamp(time)
        if !line.isEmpty { line += " " }
        let carrier = Self.carrier(packet, interface: interface)
        if showsInterface, let interface, !carrier.hasSuffix(")") {
            line += TerminalText.safe(interface) + " "
        }
        if let carrier = carrier.isEmpty ? nil : carrier {
            line += carrier + " | "
        }
        line += Self.body(packet)
        return line
    }

    // MARK: - Carrier

    /// What carried the packet: its tunnels, or the role of the device it was seen on.
    public static func carrier(_ packet: Dissection, interface: String?) -> String {
        if packet.ip == nil && packet.tunnels.isEmpty { return "" }
        var parts: [String] = []
        for encapsulation in packet.tunnels {
            parts.append(tunnel(encapsulation))
        }
        if packet.isWireGuard {
            parts.append("WireGuard")
        }
        if !parts.isEmpty { return parts.joined(separator: " | ") }
        let device = interface.map(TerminalText.safe)
        let role = interface.flatMap { CapturePointRole(interfaceName: $0) } ?? inferredRole(packet)
        switch role {
        case .uplink: return "direct"
        case .ipipDevice: return "IPIP (\(device ?? "tunl0"))"
        case .vxlanDevice: return "VXLAN (\(device ?? "vxlan.calico"))"
        case .wireguardDevice: return "WireGuard (\(device ?? "wireguard.cali"))"
        case .workload: return "veth (\(device ?? "cali*"))"
        case .loopback: return "local (\(device ?? "lo"))"
        case .unknown, nil: return "plain"
        }
    }

    /// A device role from the frame itself when the device name is unknown.
    static func inferredRole(_ packet: Dissection) -> CapturePointRole? {
        if packet.link.sourceMAC == .calicoWorkloadHost || packet.link.destinationMAC == .calicoWorkloadHost {
            return .workload
        }
        if (packet.link.sourceMAC?.isCalicoVTEP ?? false) || (packet.link.destinationMAC?.isCalicoVTEP ?? false) {
            return .vxlanDevice
        }
        return nil
    }

    static func tunnel(_ tunnel: Encapsulation) -> String {
        let endpoints = "\(tunnel.outerSource) > \(tunnel.outerDestination)"
        switch tunnel.kind {
        case .ipInIP:
            return "IPIP " + endpoints
        case .vxlan:
            return "VXLAN " + (tunnel.networkIdentifier.map { "\($0) " } ?? "") + endpoints
        case .geneve:
            return "Geneve " + (tunnel.networkIdentifier.map { "\($0) " } ?? "") + endpoints
        case .gre:
            return "GRE " + (tunnel.networkIdentifier.map { "key \($0) " } ?? "") + endpoints
        case .ipInUDP:
            return "IP-in-UDP \(tunnel.outerDestinationPort) " + endpoints
        case .erspan:
            return "ERSPAN " + (tunnel.networkIdentifier.map { "session \($0) " } ?? "") + endpoints
        }
    }

    // MARK: - Innermost packet

    /// The innermost packet in tcpdump -nn style.
    public static func body(_ packet: Dissection) -> String {
        guard let ip = packet.ip else {
            if let arp = packet.arp {
                return "ARP, sender \(arp.senderAddress) is-at \(arp.senderMAC)" + suffix(packet)
            }
            return "non-IP" + suffix(packet)
        }
        if !packet.innermostDecoded && !packet.isWireGuard {
            if let arp = packet.arp {
                return "ARP, sender \(arp.senderAddress) is-at \(arp.senderMAC)" + suffix(packet)
            }
            return "payload not decoded" + suffix(packet)
        }
        let protocolNumber = ip.protocolNumber
        let ports = packet.ports
        let shownPorts = protocolNumber == .tcp || protocolNumber == .udp ? ports : nil
        let source = shownPorts.map { "\(ip.source).\($0.source)" } ?? "\(ip.source)"
        let destination = shownPorts.map { "\(ip.destination).\($0.destination)" } ?? "\(ip.destination)"
        var text = "\(source) > \(destination) "
        if ip.isLaterFragment {
            text += "\(protocolName(protocolNumber)) fragment, id \(ip.identification), length \(ip.length)"
            return text + suffix(packet)
        }
        switch protocolNumber {
        case .tcp:
            text += ports != nil ? "TCP \(packet.transport?.tcp?.flags ?? TCPFlags()), length \(ip.length)" : "TCP, length \(ip.length)"
        case .udp:
            text += "UDP, length \(ip.length)"
        case .icmp:
            text += "ICMP " + icmp(packet.transport?.icmp) + ", length \(ip.length)"
        case .icmpv6:
            text += "ICMP6 " + icmpv6(packet.transport?.icmp) + ", length \(ip.length)"
        default:
            text += "\(protocolName(protocolNumber)), length \(ip.length)"
        }
        if ip.isFragment { text += ", first fragment id \(ip.identification)" }
        return text + suffix(packet)
    }

    static func protocolName(_ protocolNumber: IPProtocol) -> String {
        switch protocolNumber {
        case .tcp: "TCP"
        case .udp: "UDP"
        case .icmp: "ICMP"
        case .icmpv6: "ICMP6"
        case .gre: "GRE"
        case .encapsulatingSecurityPayload: "ESP"
        case .authenticationHeader: "AH"
        case .sctp: "SCTP"
        default: "ip-proto-\(protocolNumber.rawValue)"
        }
    }

    /// An ICMP message; a header that was not decoded reads as type 0, code 0.
    static func icmp(_ message: ICMPFacts?) -> String {
        let message = message ?? ICMPFacts(type: 0)
        if let echo = message.echo {
            return "echo \(echo == .request ? "request" : "reply"), id \(message.identifier), seq \(message.sequenceNumber)"
        }
        switch message.type {
        case 3:
            if let quoted = message.quoted {
                let name = quoted.protocolNumber.name
                switch message.code {
                case 3: return "\(quoted.destination) \(name) port \(quoted.destinationPort) unreachable"
                case 1: return "host \(quoted.destination) unreachable"
                case 0: return "net \(quoted.destination) unreachable"
                case 4: return "\(quoted.destination) unreachable - need to frag"
                default: return "\(quoted.destination) unreachable, code \(message.code)"
                }
            }
            return "destination unreachable, code \(message.code)"
        case 11:
            return message.quoted.map { "time exceeded in-transit (for \($0.destination))" } ?? "time exceeded in-transit"
        case 5:
            return "redirect"
        default:
            return "type \(message.type), code \(message.code)"
        }
    }

    /// An ICMPv6 message; a header that was not decoded reads as type 0, code 0.
    static func icmpv6(_ message: ICMPFacts?) -> String {
        let message = message ?? ICMPFacts(type: 0)
        if let echo = message.echo {
            return "echo \(echo == .request ? "request" : "reply"), id \(message.identifier), seq \(message.sequenceNumber)"
        }
        switch message.type {
        case 1: return message.quoted.map { "destination unreachable (for \($0.destination))" } ?? "destination unreachable"
        case 2: return "packet too big"
        case 3: return "time exceeded in-transit"
        case 133: return "router solicitation"
        case 134: return "router advertisement"
        case 135: return "neighbor solicitation"
        case 136: return "neighbor advertisement"
        case 137: return "redirect"
        default: return "type \(message.type), code \(message.code)"
        }
    }

    static func suffix(_ packet: Dissection) -> String {
        var text = ""
        if packet.isTruncated { text += " [truncated]" }
        if let stopReason = packet.stopReason { text += " [\(stopReason.name)]" }
        return text
    }

    // MARK: - Time

    mutating func timestamp(_ time: Int64) -> String {
        defer {
            if first == nil { first = time }
            previous = time
        }
        switch timestampStyle {
        case .none:
            return ""
        case .clock:
            return Self.clock(time &+ utcOffsetSeconds &* 1_000_000_000)
        case .dateAndClock:
            let shifted = time &+ utcOffsetSeconds &* 1_000_000_000
            let (seconds, _) = Self.split(shifted)
            var days = seconds / 86_400
            if seconds % 86_400 < 0 { days -= 1 }
            let (year, month, day) = TimestampText.civilDate(daysSinceEpoch: days)
            return "\(TimestampText.padded(year, 4))-\(TimestampText.padded(month, 2))-\(TimestampText.padded(day, 2)) "
                + Self.clock(shifted)
        case .epoch:
            let (seconds, micro) = Self.split(time)
            return "\(seconds).\(TimestampText.padded(micro, 6))"
        case .sincePrevious:
            return Self.clock(max(0, time - (previous ?? time)))
        case .sinceFirst:
            return Self.clock(max(0, time - (first ?? time)))
        }
    }

    /// Whole seconds and microseconds (floored) of nanoseconds since the epoch.
    static func split(_ nanoseconds: Int64) -> (Int64, Int64) {
        var seconds = nanoseconds / 1_000_000_000
        var fraction = nanoseconds % 1_000_000_000
        if fraction < 0 {
            fraction += 1_000_000_000
            seconds -= 1
        }
        return (seconds, fraction / 1000)
    }

    /// `HH:MM:SS.uuuuuu` of the time of day (or of a duration under a day).
    static func clock(_ nanoseconds: Int64) -> String {
        let (seconds, micro) = split(nanoseconds)
        var ofDay = seconds % 86_400
        if ofDay < 0 { ofDay += 86_400 }
        return "\(TimestampText.padded(ofDay / 3600, 2)):\(TimestampText.padded(ofDay / 60 % 60, 2)):"
            + "\(TimestampText.padded(ofDay % 60, 2)).\(TimestampText.padded(micro, 6))"
    }
}
