import CPcap
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The capture devices libpcap knows (pcap_findalldevs), in its order (tcpdump -D).
public enum Interfaces {
    public static func list() throws(LiveCaptureError) -> [NetworkInterface] {
        var errorBuffer = [CChar](repeating: 0, count: Int(PCAP_ERRBUF_SIZE) + 1)
        var first: UnsafeMutablePointer<pcap_if_t>?
        guard pcap_findalldevs(&first, &errorBuffer) == 0 else {
            throw .deviceListFailed(message: LiveCapture.text(errorBuffer))
        }
        defer { if let first { pcap_freealldevs(first) } }
        var result: [NetworkInterface] = []
        var current = first
        while let device = current {
            let entry = device.pointee
            current = entry.next
            guard let namePointer = entry.name else { continue }
            let flags = entry.flags
            let status: NetworkInterface.ConnectionStatus
            switch flags & UInt32(PCAP_IF_CONNECTION_STATUS) {
            case UInt32(PCAP_IF_CONNECTION_STATUS_CONNECTED): status = .connected
            case UInt32(PCAP_IF_CONNECTION_STATUS_DISCONNECTED): status = .disconnected
            case UInt32(PCAP_IF_CONNECTION_STATUS_NOT_APPLICABLE): status = .notApplicable
            default: status = .unknown
            }
            result.append(
                NetworkInterface(
                    name: String(cString: namePointer),
                    description: entry.description.map { String(cString: $0) },
                    isUp: flags & UInt32(PCAP_IF_UP) != 0,
                    isRunning: flags & UInt32(PCAP_IF_RUNNING) != 0,
                    isLoopback: flags & UInt32(PCAP_IF_LOOPBACK) != 0,
                    isWireless: flags & UInt32(PCAP_IF_WIRELESS) != 0,
                    connectionStatus: status,
                    addresses: addresses(entry.addresses)))
        }
        return result
    }

    /// The names only; empty when listing fails (used in error messages).
    public static func names() -> [String] {
        (try? list().map(\.name)) ?? []
    }

    static func addresses(_ first: UnsafeMutablePointer<pcap_addr>?) -> [String] {
        var result: [String] = []
        var current = first
        while let entry = current {
            current = entry.pointee.next
            guard let address = entry.pointee.addr else { continue }
            var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
            switch Int32(address.pointee.sa_family) {
            case AF_INET:
                address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { ipv4 in
                    var raw = ipv4.pointee.sin_addr
                    _ = inet_ntop(AF_INET, &raw, &text, socklen_t(text.count))
                }
            case AF_INET6:
                address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { ipv6 in
                    var raw = ipv6.pointee.sin6_addr
                    _ = inet_ntop(AF_INET6, &raw, &text, socklen_t(text.count))
                }
            default:
                continue
            }
            let string = LiveCapture.text(text)
            if !string.isEmpty { result.append(string) }
        }
        return result
    }
}
