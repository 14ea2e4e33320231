/// A named value behind a finding (`mtu: 1450`, `from: "ipip"`); findings keep them in order.
public struct EvidenceItem: Sendable, Hashable {
    public var name: String
    public var value: EvidenceValue

    public init(_ name: String, _ value: EvidenceValue) {
        self.name = name
        self.value = value
    }
}
