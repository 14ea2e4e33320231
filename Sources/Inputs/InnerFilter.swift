import Capture
import Wire

/// `--inner-filter`: a BPF program compiled by libpcap for raw IP and run on the innermost IP
/// packet of each dissection (the pod's packet inside IP-in-IP or VXLAN; the packet itself
/// when it is not tunnelled), so that `host 172.16.34.1` finds the pod whatever carried it.
public struct InnerFilter {
    public let expression: String
    let filter: PacketFilter

    /// Compiles `expression` for raw IP (DLT_RAW: IPv4 and IPv6); a syntax error is thrown
    /// before any packet is read.
    public init(expression: String) throws(AnalysisError) {
        self.expression = expression
        do {
            filter = try PacketFilter(expression: expression, linkType: .raw)
        } catch {
            throw .filter(error)
        }
    }

    /// Whether the innermost IP packet of `packet`, whose captured bytes are `bytes`, passes.
    /// A packet without IP (ARP, a cut link header) never does.
    public func matches(_ packet: Dissection, bytes: UnsafeRawBufferPointer) -> Bool {
        guard let range = packet.ipRange, range.lowerBound >= 0, range.upperBound <= bytes.count,
            !range.isEmpty
        else { return false }
        let inner = UnsafeRawBufferPointer(rebasing: bytes[range])
        return filter.matches(inner, originalLength: inner.count)
    }

    /// The expression for `--pod`: each address or network in both directions (`host A`,
    /// `net N/L`), IPv4 or IPv6, joined by `or`; nil when `pods` is empty.
    public static func podExpression(_ pods: [IPNetwork]) -> String? {
        guard !pods.isEmpty else { return nil }
        return pods.map { pod in
            pod.prefixLength == (pod.address.isIPv4 ? 32 : 128) ? "host \(pod.address)" : "net \(pod)"
        }.joined(separator: " or ")
    }

    /// `--inner-filter` and `--pod` together: both must hold.
    public static func expression(innerFilter: String?, pods: [IPNetwork]) -> String? {
        let given = innerFilter.flatMap { $0.allSatisfy(\.isWhitespace) ? nil : $0 }
        switch (given, podExpression(pods)) {
        case (nil, nil): return nil
        case (let filter?, nil): return filter
        case (nil, let pods?): return pods
        case (let filter?, let pods?): return "(\(filter)) and (\(pods))"
        }
    }
}
