/// Why a live capture ended.
public enum LiveStopReason: Equatable, Sendable {
    case signal(Int32)
    case count
    case duration
    case devicesGone
    case writeFailed
    case fileLimitReached
    case outputClosed
}
