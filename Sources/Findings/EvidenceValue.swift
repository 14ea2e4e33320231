/// One value behind a finding, typed so that each report renders it in its own way.
public enum EvidenceValue: Sendable, Hashable {
    case integer(Int)
    case text(String)
    case texts([String])
    case flag(Bool)
    /// Nanoseconds since the epoch.
    case time(Int64)
}
