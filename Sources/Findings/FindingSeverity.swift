/// How much a finding matters: `error` (something is broken), `warning` (the report may be
/// incomplete or misleading), `info` (worth knowing). Ordered from least to most severe.
public enum FindingSeverity: String, Sendable, Hashable, CaseIterable, Comparable {
    case info
    case warning
    case error

    private var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: FindingSeverity, rhs: FindingSeverity) -> Bool { lhs.rank < rhs.rank }
}
