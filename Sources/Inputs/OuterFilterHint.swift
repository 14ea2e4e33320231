import Analysis
import Capture
import Findings
import Wire

/// Watches what the outer BPF filter (the trailing expression, `-f`) drops. BPF sees a
/// packet's outermost headers, so `host 172.16.34.1` drops every IP-in-IP and VXLAN packet
/// of that pod; when the filter dropped every packet and some of them were tunnelled, the
/// report says so and points to `--inner-filter`.
struct OuterFilterHint {
    let expression: String?
    /// The same expression compiled for raw IP, run on the dropped packets' inner packets:
    /// how many would have passed as an inner filter (nil when it does not compile for raw IP).
    private let inner: InnerFilter?
    private(set) var droppedTunnelled = 0
    /// The dropped tunnelled packets by their outermost tunnel's kind.
    private(set) var droppedByKind: [EncapsulationKind: Int] = [:]
    private(set) var droppedMatchingInside = 0
    private(set) var passed = 0

    init(expression: String?) {
        self.expression = expression
        inner = expression.flatMap { try? InnerFilter(expression: $0) }
    }

    /// Whether dropped packets are still worth dissecting: only while none passed.
    var watching: Bool { expression != nil && passed == 0 }

    mutating func notePassed() { passed += 1 }

    /// A packet the outer filter dropped, dissected.
    mutating func noteDropped(_ packet: Dissection, bytes: UnsafeRawBufferPointer) {
        guard let outermost = packet.tunnels.outermost else { return }
        droppedTunnelled += 1
        droppedByKind[outermost.kind, default: 0] += 1
        if let inner, inner.matches(packet, bytes: bytes) { droppedMatchingInside += 1 }
    }

    /// The finding when the filter dropped every packet of a capture with tunnels; else nil.
    func finding(filteredPackets: Int) -> Finding? {
        guard let expression, passed == 0, droppedTunnelled > 0 else { return nil }
        let kinds = droppedByKind.sorted { ($1.value, $0.key.description) < ($0.value, $1.key.description) }
            .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        var detail = "the filter '\(expression)' dropped all \(filteredPackets) packets, \(droppedTunnelled) of them "
            + "tunnelled (\(kinds)): a BPF filter sees a packet's outer headers (node addresses, the tunnel's "
            + "UDP port), not the pod's packet inside"
        if droppedMatchingInside > 0 {
            detail += "; \(droppedMatchingInside) of them match it inside: use --inner-filter '\(expression)'"
        } else {
            detail += "; to filter on the pod's packet, use --inner-filter EXPR (or --pod IP|CIDR)"
        }
        return Finding(
            .filterSeesOuterHeaders, severity: .warning, title: "The filter sees outer headers", detail: detail,
            evidence: [
                EvidenceItem("filteredPackets", .integer(filteredPackets)),
                EvidenceItem("tunnelledPackets", .integer(droppedTunnelled)),
                EvidenceItem("matchingInside", .integer(droppedMatchingInside)),
            ])
    }
}
